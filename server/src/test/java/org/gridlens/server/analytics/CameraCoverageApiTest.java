package org.gridlens.server.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import javax.sql.DataSource;
import org.gridlens.geodata.analytics.layer.AnalyticProduct;
import org.gridlens.geodata.testing.FreshDatabase;
import org.gridlens.geodata.testing.RegionFixture;
import org.gridlens.server.testing.Ogr;
import org.gridlens.server.testing.TestServer;
import org.gridlens.tiles.TileCoord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Camera coverage and blind spots over HTTP on the 2 x 2 grid fixture, the analytic layers in the layer
 * catalog and TileJSON, and a blind-spot tile (read by GDAL) that follows a new camera through the
 * change feed and a refresh.
 */
class CameraCoverageApiTest {

    private static final String SW = "630102001001003";
    static final FreshDatabase db = FreshDatabase.named("camera_http")
            .seededWith(RegionFixture::insert)
            .seededWith(CameraCoverageApiTest::fixture);
    // The background refresh is off: the test drives the refresher itself.
    @RegisterExtension
    static final TestServer server = TestServer.over(db, "--analytics.layers.refresh-seconds=0");

    static void fixture(DataSource ds) throws Exception {
        try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
            s.execute("""
                    INSERT INTO camera (code, district_code, heading_deg, fov_deg, range_m, geom) VALUES
                      ('A', '630102', 45, 90, 200, ST_SetSRID(ST_MakePoint(101.805, 36.605), 4326))
                    """);
            s.execute("""
                    INSERT INTO road (code, district_code, name, geom) VALUES
                      ('R1', '630102', '东关大街', ST_SetSRID(ST_MakeLine(ST_MakePoint(101.8002, 36.605), ST_MakePoint(101.8098, 36.605)), 4326))
                    """);
        }
    }

    private static JsonNode ok(String path, String contentType) throws Exception {
        return AnalyticsAnswers.ok(server, path, contentType);
    }

    static TileCoord at(int z, double lon, double lat) {
        int n = 1 << z;
        double r = Math.toRadians(lat);
        return new TileCoord(z, (int) Math.floor((lon + 180) / 360 * n),
                (int) Math.floor((1 - Math.log(Math.tan(r) + 1 / Math.cos(r)) / Math.PI) / 2 * n));
    }

    @Test
    void camera_coverage_is_json_worst_first_with_road_shares_only_where_roads_exist() throws Exception {
        JsonNode r = ok("/api/analytics/cameras", "application/json");
        assertThat(r.get("sectors").asText()).contains("occlusion");
        assertThat(r.get("roadsPresent").asBoolean()).isTrue();
        JsonNode grids = r.get("grids");
        assertThat(grids).hasSize(4);
        assertThat(grids.get(3).get("gridCode").asText()).isEqualTo(SW);
        assertThat(grids.get(3).get("areaShare").asDouble()).isGreaterThan(0).isLessThan(0.2);
        assertThat(grids.get(3).get("roadShare").asDouble()).isGreaterThan(0).isLessThan(1);
        assertThat(grids.get(0).get("areaShare").asDouble()).isZero();
        assertThat(grids.get(0).get("roadShare").isNull()).isTrue();
        JsonNode one = ok("/api/analytics/cameras?grid=" + SW, "application/json");
        assertThat(one.get("grids")).hasSize(1);
    }

    @Test
    void camera_coverage_csv_has_a_row_per_grid() throws Exception {
        HttpResponse<String> csv = server.get("/api/analytics/cameras?format=csv");
        assertThat(csv.statusCode()).isEqualTo(200);
        assertThat(csv.headers().firstValue("Content-Type").orElse("")).startsWith("text/csv");
        List<String> lines = csv.body().lines().toList();
        assertThat(lines.get(0)).isEqualTo("grid_code,grid_name,cameras,area_m2,seen_m2,area_share,road_m,road_seen_m,road_share");
        assertThat(lines).hasSize(5);
        // The hostile grid name starting with a quote-free "x');" is kept; names beginning with = + - @ are defused.
        assertThat(csv.body()).contains("630102001001004");
    }

    @Test
    void blind_spots_are_geojson_that_gdal_reads() throws Exception {
        JsonNode fc = ok("/api/analytics/cameras/blindspots.geojson", "application/geo+json");
        assertThat(fc.get("features")).hasSize(4);
        for (JsonNode f : fc.get("features")) {
            assertThat(f.get("geometry").get("type").asText()).isEqualTo("MultiPolygon");
            assertThat(f.get("properties").get("blind_m2").asDouble()).isPositive();
        }
        Path file = Files.createTempFile("blind", ".geojson");
        try {
            Files.writeString(file, server.get("/api/analytics/cameras/blindspots.geojson").body());
            assertThat(Ogr.info("-al", "-so", file.toString())).contains("Feature Count: 4").contains("Multi Polygon");
        } finally {
            Files.deleteIfExists(file);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"?grid=%27%3B%20DROP%20TABLE%20camera%3B--", "?grid=6301020010010011", "?grid=63%25", "?grid=-1",
            "?format=xml", "?grid=1&grid=2", "?radius=5", "?format=geojson"})
    void hostile_or_unknown_parameters_are_a_400_with_a_reason(String query) throws Exception {
        HttpResponse<String> r = server.get("/api/analytics/cameras" + query);
        assertThat(r.statusCode()).as(query).isEqualTo(400);
        assertThat(r.body()).contains("\"message\"").doesNotContainIgnoringCase("sql").doesNotContain("Exception");
        HttpResponse<String> b = server.get("/api/analytics/cameras/blindspots.geojson" + query.replace("format=", "x="));
        assertThat(b.statusCode()).as("blind spots " + query).isEqualTo(400);
    }

    @Test
    void facility_coverage_walks_when_roads_exist_and_says_so() throws Exception {
        JsonNode auto = ok("/api/analytics/coverage?type=market", "application/json");
        assertThat(auto.get("reach_mode").asText()).isEqualTo("walking_network");
        assertThat(auto.get("method").asText()).isEqualTo("walking-network");
        assertThat(auto.has("reach_mode_reason")).isFalse();
        JsonNode line = ok("/api/analytics/coverage?type=market&mode=straight_line", "application/json");
        assertThat(line.get("reach_mode").asText()).isEqualTo("straight_line");
        assertThat(server.get("/api/analytics/coverage?type=market&mode=walking_network&format=csv").body())
                .startsWith("grid_code,grid_name,group_size,covered,share,covered_delta,reach_mode").contains(",walking_network");
        assertThat(server.get("/api/analytics/coverage?type=market&mode=teleport").statusCode()).isEqualTo(400);
    }

    @Test
    void workload_without_staffing_data_says_so_and_with_it_divides_by_the_workers() throws Exception {
        JsonNode none = ok("/api/analytics/workload?from=2026-01-01&to=2026-02-01", "application/json");
        assertThat(none.get("staffedGrids").asInt()).isZero();
        assertThat(none.get("grids")).hasSize(4).allSatisfy(g -> {
            assertThat(g.get("staffing").asText()).isEqualTo("no staffing data");
            assertThat(g.get("incidentsPerWorker").isNull()).isTrue();
        });
        try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement()) {
            s.execute("INSERT INTO grid_worker (grid_code, worker_id, role) VALUES ('" + SW + "', 'GW-1', 'grid_worker'), ('"
                    + SW + "', 'GW-2', 'part_time')");
            s.execute("""
                    INSERT INTO incident (district_code, source, source_id, kind, category_code, reported_at, status, geom)
                    SELECT '630102', 'hotline', 'W' || i, 'event', '0101', timestamptz '2026-01-10 10:00+08', 'reported',
                           ST_SetSRID(ST_MakePoint(101.805, 36.605), 4326)
                    FROM generate_series(1, 5) i
                    """);
        }
        JsonNode some = ok("/api/analytics/workload?from=2026-01-01&to=2026-02-01", "application/json");
        assertThat(some.get("staffedGrids").asInt()).isOne();
        JsonNode first = some.get("grids").get(0);
        assertThat(first.get("gridCode").asText()).isEqualTo(SW);
        assertThat(first.get("workers").asInt()).isEqualTo(2);
        assertThat(first.get("incidentsPerWorker").asDouble()).isEqualTo(2.5);
        assertThat(server.get("/api/analytics/workload?format=csv").body())
                .startsWith("grid_code,grid_name,workers,full_time,part_time,supervisors,incidents,residents");
        assertThat(server.get("/api/analytics/workload?from=2031-01-01").statusCode()).isEqualTo(400);
        assertThat(server.get("/api/analytics/workload?grid=1").statusCode()).isEqualTo(400);
        assertThat(server.anonymous().get("/api/analytics/workload").statusCode()).isIn(401, 403);
    }

    @Test
    void anonymous_callers_are_refused() throws Exception {
        assertThat(server.anonymous().get("/api/analytics/cameras").statusCode()).isIn(401, 403);
        assertThat(server.anonymous().get("/api/analytics/cameras/blindspots.geojson").statusCode()).isIn(401, 403);
    }

    @Test
    void the_analytic_layers_are_in_the_catalog_and_in_composite_tilejson() throws Exception {
        JsonNode catalog = ok("/api/layers", "application/json");
        List<String> ids = new ArrayList<>();
        catalog.findValuesAsText("id").forEach(ids::add);
        assertThat(ids).contains("hotspot", "hotarea", "coverage", "blind_spot");
        JsonNode tj = ok("/tiles/hotspot,hotarea,coverage,blind_spot.json", "application/json");
        assertThat(tj.get("tilejson").asText()).isEqualTo("3.0.0");
        assertThat(tj.get("tiles").get(0).asText()).startsWith("http").contains("/tiles/hotspot,hotarea,coverage,blind_spot/{z}/{x}/{y}");
        List<String> layers = new ArrayList<>();
        tj.get("vector_layers").forEach(l -> layers.add(l.get("id").asText()));
        assertThat(layers).containsExactly("hotspot", "hotarea", "coverage", "blind_spot");
        assertThat(tj.get("vector_layers").get(3).get("fields").get("area_share").asText()).contains("view sectors");
    }

    @Test
    void a_new_camera_shrinks_the_blind_spot_tile_after_the_refresh(@TempDir Path dir) throws Exception {
        var refresher = server.app().analyticLayers().refresher();
        refresher.refreshAll();
        TileCoord t = at(13, 101.805, 36.605);
        String path = "/tiles/blind_spot/" + t.z() + "/" + t.x() + "/" + t.y() + ".mvt";
        HttpResponse<byte[]> before = server.getBytes(path);
        assertThat(before.statusCode()).isEqualTo(200);
        String info = Ogr.infoOfTile(dir.resolve("a"), t.z(), t.x(), t.y(), before.body());
        assertThat(info).contains("Layer name: blind_spot").contains("grid (String) = " + SW);
        double shareBefore = areaShare(info);
        try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement()) {
            s.execute("""
                    INSERT INTO camera (code, district_code, heading_deg, fov_deg, range_m, geom) VALUES
                      ('NEW', '630102', 0, 360, 150, ST_SetSRID(ST_MakePoint(101.803, 36.603), 4326))
                    """);
        }
        // The change feed marks the camera product; poll until the refresher has picked the change up.
        Set<AnalyticProduct> done = EnumSet.noneOf(AnalyticProduct.class);
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (!done.contains(AnalyticProduct.CAMERAS) && System.nanoTime() < deadline) {
            done.addAll(refresher.refreshStale());
            Thread.sleep(50);
        }
        assertThat(done).contains(AnalyticProduct.CAMERAS).doesNotContain(AnalyticProduct.HOTSPOTS);
        byte[] after = null;
        while (System.nanoTime() < deadline) {
            after = server.getBytes(path).body();
            if (!java.util.Arrays.equals(after, before.body())) {
                break;
            }
            Thread.sleep(50);
        }
        double shareAfter = areaShare(Ogr.infoOfTile(dir.resolve("b"), t.z(), t.x(), t.y(), after));
        assertThat(shareAfter).isGreaterThan(shareBefore);
    }

    private static double areaShare(String ogrinfo) {
        // Features are listed with their attributes; take the SW grid's area_share.
        String block = ogrinfo.substring(ogrinfo.indexOf("grid (String) = " + SW));
        String line = block.lines().filter(l -> l.contains("area_share")).findFirst().orElseThrow();
        return Double.parseDouble(line.substring(line.indexOf('=') + 1).trim());
    }
}
