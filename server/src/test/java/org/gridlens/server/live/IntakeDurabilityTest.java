package org.gridlens.server.live;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.gridlens.geodata.db.Database;
import org.gridlens.geodata.db.PoolSettings;
import org.gridlens.geodata.db.PostgresBinaries;
import org.gridlens.geodata.db.PrivateCluster;
import org.gridlens.server.testing.ServerProcess;
import org.gridlens.server.testing.TestServer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Intake under crashes: clients stream reports with retries while, at seeded random moments, either the
 * PostgreSQL postmaster is killed with SIGKILL (and restarted: crash recovery) or the GridLens server —
 * a separate JVM ({@link ServerProcess}) — is killed with SIGKILL mid-stream and a new one started.
 * Afterwards every acknowledged report is there exactly once under the id it was acknowledged with, the
 * daily pre-aggregation and its roll-ups equal a recount, and amcheck finds every B-tree index sound.
 * Runs on its own throwaway cluster, about a minute.
 */
@Tag("slow")
class IntakeDurabilityTest {

    static final int REPORTS = 1200;
    static final int CLIENTS = 4;
    static volatile String token;

    @Test
    void no_acknowledged_report_is_lost_or_duplicated_across_postmaster_and_server_process_kills() throws Exception {
        PrivateCluster cluster = PrivateCluster.startThrowaway(PostgresBinaries.locate().orElseThrow(), "postgres");
        Database db = Database.open(cluster.target(), new PoolSettings(6, Duration.ofSeconds(2), Duration.ofSeconds(20),
                Duration.ofSeconds(10)), null);
        AtomicReference<ServerProcess> server = new AtomicReference<>();
        java.nio.file.Path log = java.nio.file.Path.of("target", "durability-server.log");
        java.nio.file.Files.deleteIfExists(log);
        ExecutorService pool = Executors.newFixedThreadPool(CLIENTS);
        try {
            db.migrate();
            LiveFixture.insert(db.dataSource());
            token = TestServer.issue(db, "durability-intake", org.gridlens.geodata.security.Role.INTAKE);
            server.set(ServerProcess.start(cluster.target(), log, List.of("--db.pool-size=6")));
            HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
            ConcurrentHashMap<String, Long> acknowledged = new ConcurrentHashMap<>();
            AtomicInteger retries = new AtomicInteger();
            AtomicInteger next = new AtomicInteger();
            List<Future<?>> clients = new ArrayList<>();
            for (int c = 0; c < CLIENTS; c++) {
                clients.add(pool.submit(() -> {
                    int i;
                    while ((i = next.getAndIncrement()) < REPORTS) {
                        String id = "D-" + i;
                        String body = LiveClient.report(id, i % 3 == 0 ? "0301" : "0101");
                        long giveUp = System.nanoTime() + Duration.ofSeconds(120).toNanos();
                        while (true) {
                            HttpResponse<String> r = send(http, server.get().base(), body);
                            int status = r == null ? -1 : r.statusCode();
                            if (status == 201 || status == 200) {
                                acknowledged.put(id, LiveClient.JSON.readTree(r.body()).get("id").asLong());
                                break;
                            }
                            if (status == 400 || status == 409) {
                                throw new AssertionError(id + " refused with " + status);
                            }
                            retries.incrementAndGet();
                            if (System.nanoTime() > giveUp) {
                                throw new AssertionError(id + " never acknowledged");
                            }
                            Thread.sleep(100);
                        }
                    }
                    return null;
                }));
            }
            Random random = new Random(20261126);
            int kills = 0;
            int restarts = 0;
            while (next.get() < REPORTS && kills + restarts < 8) {
                Thread.sleep(300 + random.nextInt(1200));
                if (random.nextBoolean()) {
                    cluster.killPostmaster();
                    Thread.sleep(random.nextInt(500));
                    cluster.start();
                    kills++;
                } else {
                    server.get().kill(); // SIGKILL: requests in flight are cut, nothing is shut down
                    server.set(ServerProcess.start(cluster.target(), log, List.of("--db.pool-size=6")));
                    restarts++;
                }
            }
            for (Future<?> f : clients) {
                f.get();
            }
            System.out.printf("durability: %d reports acknowledged, %d retries, %d postmaster kills, %d server process kills%n",
                    acknowledged.size(), retries.get(), kills, restarts);
            assertThat(kills).as("postmaster kills").isGreaterThanOrEqualTo(2);
            assertThat(restarts).as("server process kills").isGreaterThanOrEqualTo(2);
            assertThat(acknowledged).hasSize(REPORTS);
            try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement()) {
                assertThat(one(s, "SELECT count(*) FROM incident WHERE source_id LIKE 'D-%'")).isEqualTo(REPORTS);
                assertThat(one(s, "SELECT count(DISTINCT source_id) FROM incident WHERE source_id LIKE 'D-%'")).isEqualTo(REPORTS);
                assertThat(one(s, "SELECT count(*) FROM case_event WHERE stage = 'report'")).isEqualTo(REPORTS);
                StringBuilder ids = new StringBuilder();
                acknowledged.forEach((sourceId, id) -> ids.append(ids.length() == 0 ? "" : ",").append("('").append(sourceId)
                        .append("',").append(id).append(')'));
                assertThat(one(s, "SELECT count(*) FROM (VALUES " + ids + ") a(source_id, id) JOIN incident i USING (source_id, id)"))
                        .as("acknowledged (source id, incident id) pairs stored as acknowledged").isEqualTo(REPORTS);
                assertThat(one(s, """
                        SELECT count(*) FROM (
                          SELECT coalesce(cell_id, 0) AS cell_id, gl_local_day(reported_at) AS day, category_code, count(*) AS n
                          FROM incident GROUP BY 1, 2, 3) r
                        FULL JOIN incident_daily d USING (cell_id, day, category_code)
                        WHERE r.n IS DISTINCT FROM d.n""")).as("incident_daily vs recount").isZero();
                assertThat(one(s, """
                        SELECT count(*) FROM (
                          SELECT date_trunc('month', day)::date AS month, cell_id, sum(n) AS n FROM incident_daily GROUP BY 1, 2) r
                        FULL JOIN incident_cell_month m USING (month, cell_id)
                        WHERE coalesce(r.n, 0) <> coalesce(m.n, 0)""")).as("incident_cell_month vs recount").isZero();
                assertThat(one(s, """
                        SELECT count(*) FROM (
                          SELECT category_code, date_trunc('month', day)::date AS month, cell_id, sum(n) AS n
                          FROM incident_daily GROUP BY 1, 2, 3) r
                        FULL JOIN incident_category_month m USING (category_code, month, cell_id)
                        WHERE coalesce(r.n, 0) <> coalesce(m.n, 0)""")).as("incident_category_month vs recount").isZero();
                s.execute("CREATE EXTENSION IF NOT EXISTS amcheck");
                long checked = one(s, """
                        SELECT count(bt_index_check(c.oid, true))
                        FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid JOIN pg_am a ON a.oid = c.relam
                        JOIN pg_namespace n ON n.oid = c.relnamespace
                        WHERE a.amname = 'btree' AND n.nspname = 'public'""");
                assertThat(checked).as("B-tree indexes checked by amcheck").isGreaterThan(20);
            }
        } finally {
            pool.shutdownNow();
            if (server.get() != null) {
                server.get().close();
            }
            db.close();
            cluster.close();
        }
    }

    private static HttpResponse<String> send(HttpClient http, String base, String body) {
        try {
            return http.send(HttpRequest.newBuilder(URI.create(base + "/api/incidents")).timeout(Duration.ofSeconds(15))
                    .header("Authorization", "Bearer " + token)
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (java.io.IOException | IllegalArgumentException e) {
            // refused / reset while the server or the database is down, or a killed server's port
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    private static long one(Statement s, String sql) throws Exception {
        try (ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
