package org.gridlens.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.gridlens.geodata.testing.FreshDatabase;
import org.gridlens.geodata.testing.RegionFixture;
import org.gridlens.server.testing.TestServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Each request class runs its SQL under its own statement timeout. The incident table is held under an
 * exclusive lock (time spent waiting for a lock counts toward PostgreSQL's statement timeout), so every
 * query touching it stalls: analytics, intake and tiles, configured at 300 ms, must give up with a 503
 * quickly and write nothing, while an ordinary API request (the 30 s default) waits and succeeds once
 * the lock is gone. Afterwards nothing is left of the short timeouts on the pooled connections.
 */
class StatementTimeoutPerClassTest {

    static final FreshDatabase db = FreshDatabase.named("stmt_per_class").seededWith(RegionFixture::insert);
    @RegisterExtension
    static final TestServer server = TestServer.over(db, "--limits.client-rps=100000",
            "--limits.analytics-statement-timeout-ms=300", "--limits.intake-statement-timeout-ms=300",
            "--tiles.statement-timeout-ms=300", "--tiles.last-good-mb=0");

    @Test
    void analytics_intake_and_tiles_time_out_on_their_own_budget_while_other_requests_keep_the_default() throws Exception {
        String report = "{\"source\":\"hotline\",\"sourceId\":\"T-1\",\"category\":\"0101\",\"location\":{\"lon\":"
                + (RegionFixture.WEST + RegionFixture.EAST) / 2 + ",\"lat\":" + (RegionFixture.SOUTH + RegionFixture.NORTH) / 2
                + "},\"reportedAt\":\"2026-11-26T02:00:00Z\",\"description\":\"lock test\"}";
        CompletableFuture<HttpResponse<String>> patient;
        try (Connection locker = db.dataSource().getConnection(); Statement s = locker.createStatement()) {
            locker.setAutoCommit(false);
            s.execute("LOCK TABLE incident IN ACCESS EXCLUSIVE MODE");

            assertTimedOut(() -> server.get("/api/analytics/stats?from=2025-11-01&to=2026-11-01&level=grid"));
            assertTimedOut(() -> server.postJson("/api/incidents", report));
            assertTimedOut(() -> server.get("/tiles/incident/15/25650/12798.mvt"));

            patient = CompletableFuture.supplyAsync(() -> server.get("/api/wall/summary?days=30"));
            Thread.sleep(1_500);
            assertThat(patient).as("an API request under the 30 s default waits for the lock").isNotDone();
            locker.rollback();
        }
        assertThat(patient.get(20, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
        assertThat(incidents()).as("the timed-out intake wrote nothing").isZero();

        // The pooled connections are back at the default: the same requests now succeed.
        assertThat(server.postJson("/api/incidents", report).statusCode()).isEqualTo(201);
        assertThat(server.get("/api/analytics/stats?from=2025-11-01&to=2026-11-01&level=grid").statusCode()).isEqualTo(200);
        assertThat(server.get("/tiles/incident/15/25650/12798.mvt").statusCode()).isEqualTo(200);
        try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SHOW statement_timeout")) {
            rs.next();
            assertThat(rs.getString(1)).isNotEqualTo("300ms");
        }
    }

    private static void assertTimedOut(java.util.function.Supplier<HttpResponse<String>> call) {
        long t0 = System.nanoTime();
        HttpResponse<String> r = call.get();
        long ms = (System.nanoTime() - t0) / 1_000_000;
        assertThat(r.statusCode()).as(r.body()).isEqualTo(503);
        assertThat(r.headers().firstValue("Retry-After")).isPresent();
        assertThat(r.body()).doesNotContain("SELECT", "incident_daily", "Exception");
        assertThat(ms).as("answered after the class's timeout, not the 30 s default").isLessThan(10_000);
    }

    private static long incidents() throws SQLException {
        try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT count(*) FROM incident")) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
