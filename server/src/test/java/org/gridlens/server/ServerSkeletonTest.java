package org.gridlens.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.gridlens.geodata.testing.FreshDatabase;
import org.gridlens.geodata.testing.RegionFixture;
import org.gridlens.server.testing.Ogr;
import org.gridlens.server.testing.TestServer;
import org.gridlens.tiles.TileCoord;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The walking skeleton end to end: health, catalog, a grid tile read back by GDAL, errors as JSON. */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ServerSkeletonTest {

    static final ObjectMapper json = new ObjectMapper();
    static final FreshDatabase db = FreshDatabase.named("skeleton");
    @RegisterExtension
    static final TestServer server = TestServer.over(db);

    @Test
    @Order(1)
    void health_is_503_with_a_reason_while_no_data_is_loaded() throws Exception {
        HttpResponse<String> r = server.get("/health");
        assertThat(r.statusCode()).isEqualTo(503);
        JsonNode body = json.readTree(r.body());
        assertThat(body.get("status").asText()).isEqualTo("unavailable");
        assertThat(body.get("reasons").toString()).contains("no data loaded");
        assertThat(body.at("/database/reachable").asBoolean()).isTrue();
        assertThat(body.at("/migrations/atHead").asBoolean()).isTrue();
    }

    @Test
    @Order(2)
    void health_is_200_once_regions_are_loaded() throws Exception {
        RegionFixture.insert(db.dataSource());
        HttpResponse<String> r = server.get("/health");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        assertThat(json.readTree(r.body()).at("/data/grids").asInt()).isEqualTo(4);
    }

    @Test
    @Order(3)
    void the_layer_catalog_lists_the_grid_layer_with_absolute_tile_urls() throws Exception {
        JsonNode layers = json.readTree(server.get("/api/layers").body()).get("layers");
        JsonNode grid = null;
        for (JsonNode l : layers) {
            if (l.get("id").asText().equals("grid")) {
                grid = l;
            }
        }
        assertThat(grid).isNotNull();
        assertThat(grid.get("tiles").asText()).isEqualTo(server.base() + "/tiles/grid/{z}/{x}/{y}.mvt");
        assertThat(grid.get("fields").has("code")).isTrue();
    }

    @Test
    @Order(4)
    void a_grid_tile_decodes_in_gdal_with_the_grids_codes_names_and_ids(@TempDir Path tmp) throws Exception {
        TileCoord t = tileAt(14, (RegionFixture.WEST + RegionFixture.EAST) / 2, (RegionFixture.SOUTH + RegionFixture.NORTH) / 2);
        HttpResponse<byte[]> r = server.getBytes("/tiles/grid/" + t.z() + "/" + t.x() + "/" + t.y() + ".mvt");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type").orElse("")).startsWith("application/vnd.mapbox-vector-tile");
        String info = Ogr.infoOfTile(tmp, t.z(), t.x(), t.y(), r.body());
        assertThat(info).contains("Layer name: grid").contains("Feature Count: 4");
        assertThat(info).contains("code (String) = 630102001001001").contains("code (String) = 630102001001004");
        for (String name : RegionFixture.GRID_NAMES) {
            assertThat(info).contains("name (String) = " + name);
        }
        assertThat(info).contains("community (String) = 630102001001");
        // Feature ids are the region ids: stable across tiles and zooms.
        assertThat(info).containsPattern("OGRFeature\\(grid\\):\\d+");
    }

    @Test
    void unknown_routes_answer_404_as_json() throws Exception {
        HttpResponse<String> r = server.get("/no/such/thing");
        assertThat(r.statusCode()).isEqualTo(404);
        assertThat(r.headers().firstValue("Content-Type").orElse("")).startsWith("application/json");
        assertThat(json.readTree(r.body()).get("status").asInt()).isEqualTo(404);
    }

    @ParameterizedTest
    @ValueSource(strings = {"23/0/0", "-1/0/0", "1/2/0", "1/0/2", "a/0/0", "0/x/0", "99999999999999/0/0", "3/1e3/0",
        "0/0/٠", "0/+0/0", "0/0/ 0", "22/4194304/0"})
    void out_of_range_or_malformed_tile_coordinates_are_400_with_a_reason(String zxy) throws Exception {
        String[] p = zxy.split("/");
        String path = "/tiles/grid/" + p[0] + "/" + java.net.URLEncoder.encode(p[1], "UTF-8") + "/"
                + java.net.URLEncoder.encode(p[2], "UTF-8").replace("+", "%20") + ".mvt";
        HttpResponse<String> r = server.get(path);
        assertThat(r.statusCode()).as(path).isEqualTo(400);
        assertThat(json.readTree(r.body()).get("message").asText()).startsWith("bad tile coordinates");
    }

    @Test
    void unknown_layers_are_404_and_repeated_or_too_many_layers_are_400() throws Exception {
        assertThat(server.get("/tiles/nope/0/0/0.mvt").statusCode()).isEqualTo(404);
        assertThat(server.get("/tiles/grid,grid/0/0/0.mvt").statusCode()).isEqualTo(400);
        assertThat(server.get("/tiles/" + "grid,".repeat(200) + "grid/0/0/0.mvt").statusCode()).isEqualTo(400);
    }

    @Test
    void metrics_are_exposed_in_prometheus_format() {
        server.get("/health");
        HttpResponse<String> r = server.get("/metrics");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).contains("http_server_requests_seconds_count").contains("jvm_memory_used_bytes");
    }

    @Test
    void the_wall_page_and_its_data_are_served() throws Exception {
        HttpResponse<String> page = server.get("/wall");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("/webjars/echarts/").contains("/static/js/wall.js");
        assertThat(server.get("/").body()).isEqualTo(page.body());
        assertThat(server.get("/webjars/echarts/5.5.0/echarts.min.js").statusCode()).isEqualTo(200);
        assertThat(server.get("/static/js/wall.js").statusCode()).isEqualTo(200);
        JsonNode geo = json.readTree(server.get("/api/regions/grid.geojson").body());
        assertThat(geo.get("type").asText()).isEqualTo("FeatureCollection");
        JsonNode summary = json.readTree(server.get("/api/wall/summary").body());
        assertThat(summary.has("openCases")).isTrue();
        assertThat(server.get("/api/regions/nope.geojson").statusCode()).isEqualTo(404);
        assertThat(server.get("/api/wall/summary?days=0").statusCode()).isEqualTo(400);
        assertThat(server.get("/api/wall/summary?days=1;drop").statusCode()).isEqualTo(400);
    }

    /** The XYZ tile containing a WGS84 point. */
    static TileCoord tileAt(int z, double lon, double lat) {
        int n = 1 << z;
        int x = (int) Math.floor((lon + 180) / 360 * n);
        double r = Math.toRadians(lat);
        int y = (int) Math.floor((1 - Math.log(Math.tan(r) + 1 / Math.cos(r)) / Math.PI) / 2 * n);
        return new TileCoord(z, x, y);
    }
}
