package org.gridlens.server.layers;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.gridlens.geodata.db.Database;
import org.gridlens.geodata.db.PoolSettings;
import org.gridlens.geodata.db.PostgresBinaries;
import org.gridlens.geodata.db.PrivateCluster;
import org.gridlens.geodata.testing.RegionFixture;
import org.gridlens.server.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** While the database is down, tiles rendered before keep being served, marked stale; others get 503. */
class TileStaleTest {

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
        // No tile cache, only the last-known-good store: every request renders while the database is up.
        server = new TestServer(db, List.of("--tiles.cache-mb=0", "--tiles.change-feed=false"));
    }

    @AfterAll
    static void stop() {
        server.close();
        db.close();
        cluster.close();
    }

    @Test
    void the_last_good_tile_is_served_marked_stale_while_the_database_is_down() throws Exception {
        org.gridlens.tiles.TileCoord t = TileServingTest.at(14, 101.81, 36.61);
        String path = "/tiles/grid/14/" + t.x() + "/" + t.y() + ".mvt";
        String other = "/tiles/grid/14/" + (t.x() + 1) + "/" + t.y() + ".mvt";
        HttpResponse<byte[]> good = server.getBytes(path);
        assertThat(good.statusCode()).isEqualTo(200);
        assertThat(good.headers().firstValue("X-GridLens-Cache")).contains("miss");
        assertThat(good.body()).isNotEmpty();

        cluster.stop();
        try {
            HttpResponse<byte[]> stale = server.getBytes(path);
            assertThat(stale.statusCode()).isEqualTo(200);
            assertThat(stale.headers().firstValue("X-GridLens-Stale")).contains("true");
            assertThat(stale.headers().firstValue("Cache-Control")).contains("no-cache");
            assertThat(stale.body()).isEqualTo(good.body());
            HttpResponse<String> never = server.get(other);
            assertThat(never.statusCode()).isEqualTo(503);
            assertThat(never.headers().firstValue("Retry-After")).isPresent();
        } finally {
            cluster.start();
        }
    }
}
