package org.gridlens.server.layers;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import org.gridlens.geodata.testing.FreshDatabase;
import org.gridlens.geodata.testing.RegionFixture;
import org.gridlens.server.testing.TestServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** While the database is down, tiles rendered before keep being served, marked stale; others get 503. */
class TileStaleTest {

    static final FreshDatabase db = FreshDatabase.onOwnCluster().seededWith(RegionFixture::insert);
    // No tile cache, only the last-known-good store: every request renders while the database is up.
    @RegisterExtension
    static final TestServer server = TestServer.over(db, "--tiles.cache-mb=0", "--tiles.change-feed=false");

    @Test
    void the_last_good_tile_is_served_marked_stale_while_the_database_is_down() throws Exception {
        org.gridlens.tiles.TileCoord t = TileServingTest.at(14, 101.81, 36.61);
        String path = "/tiles/grid/14/" + t.x() + "/" + t.y() + ".mvt";
        String other = "/tiles/grid/14/" + (t.x() + 1) + "/" + t.y() + ".mvt";
        HttpResponse<byte[]> good = server.getBytes(path);
        assertThat(good.statusCode()).isEqualTo(200);
        assertThat(good.headers().firstValue("X-GridLens-Cache")).contains("miss");
        assertThat(good.body()).isNotEmpty();

        db.cluster().stop();
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
            db.cluster().start();
        }
    }
}
