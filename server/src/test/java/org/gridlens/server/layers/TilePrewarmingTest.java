package org.gridlens.server.layers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.gridlens.geodata.db.Database;
import org.gridlens.geodata.testing.RegionFixture;
import org.gridlens.geodata.testing.TestDatabase;
import org.gridlens.server.config.ConfigException;
import org.gridlens.server.config.ConfigLoader;
import org.gridlens.server.testing.TestServer;
import org.gridlens.tiles.TileCoord;
import org.junit.jupiter.api.Test;

/** tiles.prewarm: the configured views are in the cache before anyone asks for them. */
class TilePrewarmingTest {

    @Test
    void a_configured_view_is_answered_from_the_cache_on_its_first_request() throws Exception {
        try (Database db = TestDatabase.freshDatabase("prewarm_server")) {
            RegionFixture.insert(db.dataSource());
            try (TestServer server = new TestServer(db, List.of("--tiles.prewarm=grid,community:12-13"))) {
                TileCoord t = TileCoord.containing(13, (RegionFixture.WEST + RegionFixture.EAST) / 2,
                        (RegionFixture.SOUTH + RegionFixture.NORTH) / 2);
                String path = "/tiles/grid,community/13/" + t.x() + "/" + t.y() + ".mvt";
                int views = 0;
                for (int z = 12; z <= 13; z++) {
                    TileCoord nw = TileCoord.containing(z, RegionFixture.WEST, RegionFixture.NORTH);
                    TileCoord se = TileCoord.containing(z, RegionFixture.EAST, RegionFixture.SOUTH);
                    views += (se.x() - nw.x() + 1) * (se.y() - nw.y() + 1);
                }
                long deadline = System.nanoTime() + 30_000_000_000L;
                while (warmed(server) < views && System.nanoTime() < deadline) {
                    Thread.sleep(100);
                }
                assertThat(warmed(server)).as("tiles warmed, from /metrics").isEqualTo(views);
                HttpResponse<byte[]> first = server.getBytes(path);
                assertThat(first.statusCode()).isEqualTo(200);
                assertThat(first.headers().firstValue("X-GridLens-Cache")).hasValue("hit");
                HttpResponse<byte[]> other = server.getBytes("/tiles/grid/13/" + t.x() + "/" + t.y() + ".mvt");
                assertThat(other.headers().firstValue("X-GridLens-Cache")).as("not a pre-warmed view").hasValue("miss");
            }
        }
    }

    private static double warmed(TestServer server) {
        for (String line : server.get("/metrics").body().split("\n")) {
            if (line.startsWith("gridlens_tiles_prewarmed ")) {
                return Double.parseDouble(line.substring(line.indexOf(' ') + 1));
            }
        }
        return -1;
    }

    @Test
    void views_the_catalog_cannot_serve_are_refused_at_start_up() {
        for (String bad : List.of("nosuch:8-9", "building:8-10", "grid:8", "grid:8-20", "grid,grid:8-9")) {
            assertThatThrownBy(() -> TileConfig.from(ConfigLoader.load(List.of("--tiles.prewarm=" + bad), Map.of())))
                    .as(bad).isInstanceOf(ConfigException.class).hasMessageContaining("tiles.prewarm");
        }
        assertThat(TileConfig.from(ConfigLoader.load(List.of("--tiles.prewarm=incident,heat:8-12;grid:8-14"), Map.of())).prewarm())
                .hasSize(2);
    }
}
