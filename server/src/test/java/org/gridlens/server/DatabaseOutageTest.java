package org.gridlens.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Duration;
import org.gridlens.geodata.testing.FreshDatabase;
import org.gridlens.geodata.testing.RegionFixture;
import org.gridlens.server.testing.TestServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The database goes away while the server runs, and comes back: health says so, requests fail fast
 * with 503 + Retry-After instead of hanging, and service resumes by itself. Runs on its own private
 * cluster so stopping it disturbs no other test.
 */
class DatabaseOutageTest {

    static final FreshDatabase db = FreshDatabase.onOwnCluster().seededWith(RegionFixture::insert);
    // Tile caches off: this test is about failing fast (TileStaleTest covers serving stale tiles).
    @RegisterExtension
    static final TestServer server = TestServer.over(db, "--tiles.cache-mb=0", "--tiles.last-good-mb=0");

    @Test
    void requests_get_503_fast_while_the_database_is_down_and_service_recovers_by_itself() throws Exception {
        assertThat(server.get("/health").statusCode()).isEqualTo(200);
        assertThat(server.get("/tiles/grid/14/13016/6353.mvt").statusCode()).isEqualTo(200);

        db.cluster().stop();

        long t0 = System.nanoTime();
        HttpResponse<String> health = server.get("/health");
        assertThat(health.statusCode()).isEqualTo(503);
        assertThat(health.body()).contains("database unreachable");
        HttpResponse<String> tile = server.get("/tiles/grid/14/13016/6353.mvt");
        assertThat(tile.statusCode()).isEqualTo(503);
        assertThat(tile.headers().firstValue("Retry-After")).contains("5");
        assertThat(tile.body()).contains("database is unavailable").doesNotContain("PSQLException").doesNotContain("SELECT");
        assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(12));
        // Bad input is refused without touching the database, even while it is down.
        assertThat(server.get("/tiles/grid/99/0/0.mvt").statusCode()).isEqualTo(400);

        db.cluster().start();

        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        int status = 0;
        int tileStatus = 0;
        while (System.nanoTime() < deadline && (status != 200 || tileStatus != 200)) {
            status = server.get("/health").statusCode();
            // Both pools must recover: /health checks the main pool, tiles render through the read-only one.
            tileStatus = server.get("/tiles/grid/14/13016/6353.mvt").statusCode();
            if (status != 200 || tileStatus != 200) {
                Thread.sleep(250);
            }
        }
        assertThat(status).as("health after the database returned").isEqualTo(200);
        assertThat(tileStatus).as("a tile after the database returned").isEqualTo(200);
    }
}
