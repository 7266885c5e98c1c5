package org.gridlens.server.layers;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.zip.GZIPInputStream;
import org.gridlens.geodata.testing.FreshDatabase;
import org.gridlens.geodata.testing.RegionFixture;
import org.gridlens.server.testing.Ogr;
import org.gridlens.server.testing.TestServer;
import org.gridlens.tiles.TileCoord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Tiles over HTTP: GDAL agrees with SQL, caching and revalidation, invalidation by the change feed, bad input, TileJSON. */
class TileServingTest {

    static final ObjectMapper json = new ObjectMapper();
    static final double LON = (RegionFixture.WEST + RegionFixture.EAST) / 2;
    static final double LAT = (RegionFixture.SOUTH + RegionFixture.NORTH) / 2;
    /** A 20 x 20 block of 100 m unit cells over the fixture square, 30 incidents of four sources, and one camera. */
    static final String CELLS_INCIDENTS_CAMERA = """
            INSERT INTO unit_cell (id, code, district_code, col, row, size_m, grid_code, geom)
            SELECT r * 20 + q + 1, 'C' || (r * 20 + q + 1), '630102', q, r, 100, NULL,
                   ST_MakeEnvelope(101.80 + q * 0.001, 36.60 + r * 0.001, 101.80 + (q + 1) * 0.001, 36.60 + (r + 1) * 0.001, 4326)
            FROM generate_series(0, 19) q, generate_series(0, 19) r;
            INSERT INTO incident (district_code, source, source_id, kind, category_code, reported_at, status, geom)
            SELECT '630102', (ARRAY['hotline','grid_worker','camera','resident_app'])[1 + i % 4], 'S' || i, 'event',
                   CASE WHEN i % 3 = 0 THEN '0102' ELSE '0101' END, timestamptz '2026-01-01 10:00+08' + (i || ' days')::interval,
                   CASE WHEN i % 2 = 0 THEN 'closed' ELSE 'reported' END,
                   ST_SetSRID(ST_MakePoint(101.8105 + (i % 8) * 0.0011, 36.6105 + (i % 5) * 0.0013), 4326)
            FROM generate_series(0, 29) i;
            INSERT INTO camera (code, district_code, heading_deg, fov_deg, range_m, geom)
            VALUES ('CAM1', '630102', 45, 90, 120, ST_SetSRID(ST_MakePoint(101.815, 36.615), 4326));
            """;
    static final FreshDatabase db = FreshDatabase.named("tileserving")
            .seededWith(RegionFixture::insert)
            .seededWith(FreshDatabase.Seed.sql(CELLS_INCIDENTS_CAMERA));
    @RegisterExtension
    static final TestServer server = TestServer.over(db, "--tiles.max-renders=2", "--tiles.admission-wait-ms=0",
            "--tiles.budget-bytes=4096");
    static final List<String> notices = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void listen() {
        server.app().tiles().addListener((layer, bbox, version) -> notices.add(layer + "@" + version));
    }

    static TileCoord at(int z, double lon, double lat) {
        int n = 1 << z;
        double r = Math.toRadians(lat);
        return new TileCoord(z, (int) Math.floor((lon + 180) / 360 * n),
                (int) Math.floor((1 - Math.log(Math.tan(r) + 1 / Math.cos(r)) / Math.PI) / 2 * n));
    }

    static String path(String layers, TileCoord t) {
        return "/tiles/" + layers + "/" + t.z() + "/" + t.x() + "/" + t.y() + ".mvt";
    }

    static HttpResponse<byte[]> get(String path, String... headers) {
        HttpRequest.Builder b = server.request(path).timeout(Duration.ofSeconds(30)).GET();
        for (int i = 0; i < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        return server.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    @Test
    void gdal_reads_a_composite_tile_with_the_layer_names_counts_and_values_sql_gives(@TempDir Path tmp) throws Exception {
        TileCoord t = at(16, 101.815, 36.615);
        HttpResponse<byte[]> r = get(path("grid,incident,camera,camera_sector", t) + "?status=closed");
        assertThat(r.statusCode()).isEqualTo(200);
        String info = Ogr.infoOfTile(tmp, t.z(), t.x(), t.y(), r.body());
        assertThat(info).contains("Layer name: grid").contains("Layer name: incident").contains("Layer name: camera")
                .contains("Layer name: camera_sector");
        double[] b = t.mercatorBounds();
        long incidents = db.count("SELECT count(*) FROM incident WHERE status = 'closed' AND geom_3857 && ST_MakeEnvelope("
                + b[0] + "," + b[1] + "," + b[2] + "," + b[3] + ", 3857)");
        assertThat(incidents).isPositive();
        String incidentPart = info.substring(info.indexOf("Layer name: incident"));
        assertThat(incidentPart).contains("Feature Count: " + incidents);
        assertThat(incidentPart).contains("status (String) = closed").doesNotContain("status (String) = reported");
        assertThat(info).contains("code (String) = CAM1").contains("heading (Real) = 45");
    }

    @Test
    void a_tile_says_which_features_it_left_out_and_why_on_the_miss_and_on_every_hit() throws Exception {
        long parcelNotices = notices.stream().filter(n -> n.startsWith("parcel@")).count();
        db.execute("""
                INSERT INTO parcel (id, code, district_code, land_use, geom) VALUES
                  (901, 'P-seen', '630102', 'residential', ST_Multi(ST_MakeEnvelope(101.8121, 36.6121, 101.8131, 36.6131, 4326))),
                  (902, 'P-speck', '630102', 'road', ST_Multi(ST_MakeEnvelope(101.8125, 36.6125, 101.81250001, 36.61250001, 4326)))
                """);
        // the insert's change notice arrives asynchronously and drops (or keeps out of the cache) what it touches:
        // wait for it, so the miss below is cached and the next request is a hit
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (notices.stream().filter(n -> n.startsWith("parcel@")).count() == parcelNotices) {
            assertThat(System.nanoTime()).as("the parcel layer's change notice within 60 s").isLessThan(deadline);
            Thread.sleep(20);
        }
        String p = path("parcel", at(14, 101.8125, 36.6125));
        HttpResponse<byte[]> miss = get(p);
        assertThat(miss.statusCode()).isEqualTo(200);
        assertThat(miss.headers().firstValue("X-GridLens-Cache")).hasValue("miss");
        assertThat(miss.headers().firstValue("X-GridLens-Left-Out")).hasValue("parcel;below_pixel=1;collapsed=0");
        HttpResponse<byte[]> hit = get(p);
        assertThat(hit.headers().firstValue("X-GridLens-Cache")).hasValue("hit");
        assertThat(hit.headers().firstValue("X-GridLens-Left-Out")).as("the cached tile keeps its report")
                .hasValue("parcel;below_pixel=1;collapsed=0");
        assertThat(get(path("grid", at(14, 101.8125, 36.6125))).headers().firstValue("X-GridLens-Left-Out"))
                .as("nothing left out, no header").isEmpty();
        assertThat(new String(get("/metrics").body()))
                .containsPattern("gridlens_tiles_features_left_out_total\\{[^}]*layer=\"parcel\"[^}]*reason=\"below_pixel\"[^}]*\\} [1-9]");
    }

    @Test
    void a_cached_tile_revalidates_with_its_etag_and_is_sent_gzipped_when_accepted() throws Exception {
        String p = path("grid", at(14, LON, LAT));
        HttpResponse<byte[]> first = get(p);
        assertThat(first.statusCode()).isEqualTo(200);
        String etag = first.headers().firstValue("ETag").orElseThrow();
        assertThat(etag).matches("\"[0-9a-f]{32}\"");
        HttpResponse<byte[]> again = get(p, "If-None-Match", etag);
        assertThat(again.statusCode()).isEqualTo(304);
        assertThat(again.headers().firstValue("X-GridLens-Cache")).contains("hit");
        HttpResponse<byte[]> gz = get(p, "Accept-Encoding", "gzip");
        assertThat(gz.headers().firstValue("Content-Encoding")).contains("gzip");
        assertThat(new GZIPInputStream(new ByteArrayInputStream(gz.body())).readAllBytes()).isEqualTo(first.body());
        assertThat(first.headers().firstValue("Cache-Control").orElse("")).startsWith("public, max-age=");
    }

    @Test
    void a_new_incident_drops_the_incident_tiles_it_touches_at_every_zoom_keeps_the_rest_and_announces_the_change() throws Exception {
        double lon = 101.8015;
        double lat = 36.6015;
        List<String> touched = new ArrayList<>();
        for (int z = 8; z <= 18; z++) {
            touched.add(path("incident", at(z, lon, lat)));
        }
        String far = path("incident", at(15, 101.8185, 36.6185));
        String otherLayer = path("grid", at(15, lon, lat));
        for (String p : touched) {
            assertThat(get(p).statusCode()).isEqualTo(200);
        }
        get(far);
        get(otherLayer);
        assertThat(get(far).headers().firstValue("X-GridLens-Cache")).contains("hit");
        db.execute("""
                INSERT INTO incident (district_code, source, source_id, kind, category_code, reported_at, status, geom)
                VALUES ('630102', 'hotline', 'NEW1', 'event', '0101', now(), 'reported', ST_SetSRID(ST_MakePoint(101.8015, 36.6015), 4326))
                """);
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (System.nanoTime() < deadline
                && (notices.stream().noneMatch(n -> n.startsWith("incident@")) || notices.stream().noneMatch(n -> n.startsWith("heat@")))) {
            Thread.sleep(50);
        }
        assertThat(notices).anyMatch(n -> n.startsWith("incident@")).anyMatch(n -> n.startsWith("heat@"));
        for (String p : touched) {
            assertThat(get(p).headers().firstValue("X-GridLens-Cache")).as(p).contains("miss");
        }
        assertThat(get(far).headers().firstValue("X-GridLens-Cache")).contains("hit");
        assertThat(get(otherLayer).headers().firstValue("X-GridLens-Cache")).contains("hit");
    }

    @Test
    void a_tile_over_the_budget_is_generalised_and_says_so() throws Exception {
        // The budget is 4 KiB in this server: the z13 unit-cell tile holds 400 cell polygons.
        HttpResponse<byte[]> r = get(path("incident,unit_cell", at(13, LON, LAT)));
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("X-GridLens-Generalised")).hasValueSatisfying(v -> assertThat(v).startsWith("level="));
        String metrics = new String(get("/metrics").body());
        assertThat(metrics).contains("gridlens_tiles_generalised_total");
    }

    @ParameterizedTest
    @ValueSource(strings = {"?from=2026-01-01&to=2125-01-01", "?from=1926-01-01&to=2026-01-01", "?from=2026-02-30",
        "?from=2026-01-10&to=2026-01-01", "?to=2026-01-01", "?category=9999", "?category=0101;DROP", "?status=open",
        "?source=twitter", "?bbox=1,2,3,4", "?status=closed&status=reported", "?from=yesterday", "?category=0101,0102%27"})
    void malformed_or_unknown_filters_are_400_with_a_reason(String query) throws Exception {
        HttpResponse<byte[]> r = get(path("incident", at(14, LON, LAT)) + query);
        assertThat(r.statusCode()).as(query).isEqualTo(400);
        assertThat(json.readTree(r.body()).get("message").asText()).startsWith("bad filter");
    }

    @Test
    void thousands_of_categories_and_two_hundred_layers_are_refused_before_any_database_work() throws Exception {
        String cats = String.join(",", Collections.nCopies(1000, "0101"));
        HttpResponse<byte[]> r = get(path("incident", at(14, LON, LAT)) + "?category=" + cats);
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(json.readTree(r.body()).get("message").asText()).contains("at most 50");
        // Beyond the HTTP server's URI limit (8 KiB) Jetty itself refuses the request: 414.
        String more = String.join(",", Collections.nCopies(3000, "0101"));
        assertThat(get(path("incident", at(14, LON, LAT)) + "?category=" + more).statusCode()).isEqualTo(414);
        String layers = String.join(",", Collections.nCopies(200, "grid"));
        assertThat(get(path(layers, at(14, LON, LAT))).statusCode()).isEqualTo(400);
        assertThat(get("/tiles/nope/14/0/0.mvt").statusCode()).isEqualTo(404);
    }

    @Test
    void a_flood_of_distinct_uncached_tiles_gets_503_beyond_the_bound_while_cached_tiles_and_health_answer() throws Exception {
        String cached = path("grid", at(13, LON, LAT));
        assertThat(get(cached).statusCode()).isEqualTo(200);
        List<Thread> threads = new ArrayList<>();
        List<Integer> statuses = new CopyOnWriteArrayList<>();
        TileCoord base = at(17, LON, LAT);
        for (int i = 0; i < 24; i++) {
            int k = i;
            Thread th = new Thread(() -> {
                HttpResponse<byte[]> r = get(path("heat,incident,facility_area,population", new TileCoord(17, base.x() + k % 6, base.y() + k / 6)) + "?from=2026-01-0" + (1 + k % 9));
                statuses.add(r.statusCode());
                if (r.statusCode() == 503) {
                    assertThat(r.headers().firstValue("Retry-After")).isPresent();
                }
            });
            threads.add(th);
        }
        threads.forEach(Thread::start);
        HttpResponse<byte[]> hit = get(cached);
        HttpResponse<byte[]> health = get("/health");
        for (Thread th : threads) {
            th.join();
        }
        assertThat(statuses).hasSize(24).containsOnly(200, 503).contains(503);
        assertThat(hit.statusCode()).isEqualTo(200);
        assertThat(health.statusCode()).isEqualTo(200);
    }

    @Test
    void tilejson_describes_a_composite_with_absolute_filtered_urls_district_bounds_and_fields() throws Exception {
        HttpResponse<byte[]> r = get("/tiles/grid,incident.json?category=0102,0101&from=2026-01-01&to=2026-02-01");
        assertThat(r.statusCode()).isEqualTo(200);
        JsonNode doc = json.readTree(r.body());
        assertThat(doc.get("tilejson").asText()).isEqualTo("3.0.0");
        assertThat(doc.get("tiles").get(0).asText()).isEqualTo(server.base()
                + "/tiles/grid,incident/{z}/{x}/{y}.mvt?from=2026-01-01&to=2026-02-01&category=0101,0102");
        assertThat(doc.get("bounds").get(0).asDouble()).isCloseTo(RegionFixture.WEST, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(doc.get("bounds").get(3).asDouble()).isCloseTo(RegionFixture.NORTH, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(doc.get("center").size()).isEqualTo(3);
        assertThat(doc.get("vector_layers").get(1).get("id").asText()).isEqualTo("incident");
        assertThat(doc.get("vector_layers").get(1).get("fields").get("count").asText()).contains("Number of incidents");
        assertThat(get("/tiles/grid,nope.json").statusCode()).isEqualTo(404);
    }
}
