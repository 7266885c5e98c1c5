package org.gridlens.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Duration;
import org.gridlens.geodata.db.Database;
import org.gridlens.geodata.db.PoolSettings;
import org.gridlens.geodata.db.PostgresBinaries;
import org.gridlens.geodata.db.PrivateCluster;
import org.gridlens.geodata.testing.RegionFixture;
import org.gridlens.server.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The database goes away while the server runs, and comes back: health says so, requests fail fast
 * with 503 + Retry-After instead of hanging, and service resumes by itself. Runs on its own private
 * cluster so stopping it disturbs no other test.
 */
class DatabaseOutageTest {

    static PrivateCluster cluster;
    static Database db;
    static TestServer server;

    @BeforeAll
    static void start() throws Exception {
        cluster = PrivateCluster.startThrowaway(PostgresBinaries.locate().orElseThrow(), "postgres");
        db = Database.open(cluster.target(), new PoolSettings(4, Duration.ofSeconds(2), Duration.ofSeconds(20),
                Duration.ofSeconds(10)), null);
        db.migrate();
        RegionFixture.insert(db.dataSource());
        // Tile caches off: this test is about failing fast (TileStaleTest covers serving stale tiles).
        server = new TestServer(db, java.util.List.of("--tiles.cache-mb=0", "--tiles.last-good-mb=0"));
    }

    @AfterAll
    static void stop() {
        server.close();
        db.close();
        cluster.close();
    }

    @Test
    void requests_get_503_fast_while_the_database_is_down_and_service_recovers_by_itself() throws Exception {
        assertThat(server.get("/health").statusCode()).isEqualTo(200);
        assertThat(server.get("/tiles/grid/14/13016/6353.mvt").statusCode()).isEqualTo(200);

        cluster.stop();

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

        cluster.start();

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
