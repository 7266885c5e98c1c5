package org.gridlens.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.gridlens.geodata.db.Database;
import org.gridlens.geodata.db.PoolSettings;
import org.gridlens.geodata.db.PostgresBinaries;
import org.gridlens.geodata.db.PrivateCluster;
import org.gridlens.geodata.security.Role;
import org.gridlens.geodata.testing.RegionFixture;
import org.gridlens.server.testing.TestServer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * PostgreSQL stops for 35 s (longer than the token cache's lifetime) while four clients keep asking for database-backed data and a cached tile:
 * database requests fail fast with 503 (never hanging past the pool's connection timeout), the cached
 * tile keeps flowing, full service returns within 10 s of the database's return, and no connection leaks.
 */
@Tag("slow")
class OutageUnderLoadTest {

    @Test
    void stopping_postgres_for_30_s_under_load_fails_fast_keeps_tiles_flowing_and_recovers() throws Exception {
        PrivateCluster cluster = PrivateCluster.startThrowaway(PostgresBinaries.locate().orElseThrow(), "postgres");
        Database db = Database.open(cluster.target(), new PoolSettings(8, Duration.ofSeconds(2), Duration.ofSeconds(20),
                Duration.ofSeconds(10)), null);
        ExecutorService clients = Executors.newFixedThreadPool(4);
        try {
            db.migrate();
            RegionFixture.insert(db.dataSource());
            try (TestServer server = new TestServer(db, List.of("--limits.client-rps=100000", "--db.connection-timeout-ms=2000"))) {
                String tile = "/tiles/grid/14/13016/6353.mvt";
                assertThat(server.get(tile).statusCode()).isEqualTo(200);
                // A kiosk whose token was never checked before the outage: its token cannot be verified
                // while the database is down, yet the public tile must still flow.
                TestServer kiosk = server.as(TestServer.issue(db, "kiosk-first-seen-during-outage", Role.WALL));
                AtomicBoolean running = new AtomicBoolean(true);
                AtomicBoolean down = new AtomicBoolean(false);
                AtomicInteger fastFailures = new AtomicInteger();
                AtomicInteger tilesWhileDown = new AtomicInteger();
                ConcurrentLinkedQueue<String> problems = new ConcurrentLinkedQueue<>();
                for (int i = 0; i < 4; i++) {
                    boolean tiles = i % 2 == 0;
                    TestServer client = i == 2 ? kiosk : server;
                    clients.submit(() -> {
                        while (running.get()) {
                            long t0 = System.nanoTime();
                            HttpResponse<String> r = client.get(tiles ? tile : "/api/wall/summary");
                            long ms = (System.nanoTime() - t0) / 1_000_000;
                            if (down.get()) {
                                if (tiles) {
                                    if (r.statusCode() == 200) {
                                        tilesWhileDown.incrementAndGet();
                                    } else {
                                        problems.add("cached tile answered " + r.statusCode() + " while the database was down");
                                    }
                                } else if (r.statusCode() == 503) {
                                    fastFailures.incrementAndGet();
                                    if (ms > 5_000) {
                                        problems.add("a 503 took " + ms + " ms");
                                    }
                                    if (r.headers().firstValue("Retry-After").isEmpty()) {
                                        problems.add("a 503 without Retry-After");
                                    }
                                }
                            }
                        }
                        return null;
                    });
                }
                Thread.sleep(1_000);
                cluster.stop();
                down.set(true);
                // Longer than the token cache's lifetime, so even the tokens checked before the outage
                // must be re-checked while the database is down.
                Thread.sleep(35_000);
                down.set(false);
                cluster.start();
                long back = System.nanoTime();
                int status = 0;
                while (System.nanoTime() - back < Duration.ofSeconds(10).toNanos() && status != 200) {
                    status = server.get("/api/wall/summary").statusCode();
                    if (status != 200) {
                        Thread.sleep(200);
                    }
                }
                long recoveredMs = (System.nanoTime() - back) / 1_000_000;
                running.set(false);
                clients.shutdown();
                assertThat(clients.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
                System.out.printf("outage: %d fast 503s, %d cached tiles served while down, recovered in %d ms%n",
                        fastFailures.get(), tilesWhileDown.get(), recoveredMs);
                assertThat(problems).isEmpty();
                assertThat(fastFailures.get()).isGreaterThan(5);
                assertThat(tilesWhileDown.get()).isGreaterThan(10);
                assertThat(status).as("service within 10 s of the database's return").isEqualTo(200);
                assertThat(server.get("/health").statusCode()).isEqualTo(200);
                Thread.sleep(500);
                for (javax.sql.DataSource ds : List.of(db.dataSource(), db.readOnly())) {
                    HikariDataSource pool = ds.unwrap(HikariDataSource.class);
                    assertThat(pool.getHikariPoolMXBean().getActiveConnections()).as("leaked connections in " + pool.getPoolName()).isZero();
                }
            }
        } finally {
            clients.shutdownNow();
            db.close();
            cluster.close();
        }
    }
}
