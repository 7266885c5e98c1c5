package org.gridlens.server.views;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.List;
import javax.sql.DataSource;
import org.gridlens.geodata.testing.FreshDatabase;
import org.gridlens.geodata.testing.RegionFixture;
import org.gridlens.server.testing.Incidents;
import org.gridlens.server.testing.TestServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The wall's own data endpoints over a four-grid fixture with incidents whose figures are known by hand. */
class WallDataControllerTest {

    static final ObjectMapper json = new ObjectMapper();
    static final OffsetDateTime DAY = OffsetDateTime.parse("2026-11-20T10:00:00+08:00");
    static final FreshDatabase db = FreshDatabase.named("walldata")
            .seededWith(RegionFixture::insert)
            .seededWith(WallDataControllerTest::incidents);
    @RegisterExtension
    static final TestServer server = TestServer.over(db);
    static long lastId;

    static void incidents(DataSource ds) throws Exception {
        // Reference day 2026-11-20: three incidents that day, one the day before, one rejected.
        Incidents.insert(ds, "a", "0101", DAY, "closed", DAY.plusHours(2), DAY.plusHours(24), 101.805, 36.615);
        Incidents.insert(ds, "b", "0101", DAY.plusHours(1), "dispatched", null, DAY.plusHours(2), 101.815, 36.615);
        Incidents.insert(ds, "c", "C0101", DAY.plusHours(3), "rejected", null, null, 101.805, 36.605);
        lastId = Incidents.insert(ds, "d", "0102", DAY.minusDays(1), "closed", DAY.plusDays(3), DAY, 101.815, 36.605);
    }

    JsonNode get(String path) throws Exception {
        HttpResponse<String> r = server.get(path);
        assertThat(r.statusCode()).as(path + " → " + r.body()).isEqualTo(200);
        return json.readTree(r.body());
    }

    @Test
    void kpis_count_the_reference_day_open_and_overdue_cases_and_rates_by_hand() throws Exception {
        JsonNode k = get("/api/wall/kpis");
        assertThat(k.get("day").asText()).isEqualTo("2026-11-20");
        assertThat(k.get("incidentsToday").asLong()).isEqualTo(3);
        assertThat(k.get("openCases").asLong()).isEqualTo(1);          // b (c is rejected)
        assertThat(k.get("overdueCases").asLong()).isEqualTo(1);       // b's deadline has passed
        // 3 non-rejected cases in the window, 2 closed; of the 2 closed with a deadline, a was on time, d late.
        assertThat(k.get("closureRate").asDouble()).isCloseTo(2.0 / 3, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(k.get("onTimeRate").asDouble()).isEqualTo(0.5);
        assertThat(k.get("residents").asLong()).isZero();
    }

    @Test
    void categories_roll_second_level_codes_up_to_their_parent() throws Exception {
        JsonNode c = get("/api/wall/categories?days=30");
        assertThat(c.at("/window/end").asText()).isEqualTo("2026-11-21");
        assertThat(c.get("categories").get(0).get("code").asText()).isEqualTo("01");
        assertThat(c.get("categories").get(0).get("incidents").asLong()).isEqualTo(3);   // 0101 ×2 + 0102
        assertThat(c.get("categories").get(1).get("code").asText()).isEqualTo("C01");
        assertThat(c.get("categories")).hasSize(2);
    }

    @Test
    void the_day_trend_lists_every_day_and_the_hour_trend_every_hour() throws Exception {
        JsonNode d = get("/api/wall/trend?range=30d");
        assertThat(d.get("buckets")).hasSize(30);
        assertThat(d.get("buckets").get(29).get("start").asText()).isEqualTo("2026-11-20");
        assertThat(d.get("buckets").get(29).get("incidents").asLong()).isEqualTo(3);
        assertThat(d.get("buckets").get(28).get("incidents").asLong()).isEqualTo(1);
        JsonNode h = get("/api/wall/trend?range=24h");
        assertThat(h.get("buckets")).hasSize(24);
        long sum = 0;
        for (JsonNode b : h.get("buckets")) {
            sum += b.get("incidents").asLong();
        }
        assertThat(sum).isEqualTo(3);    // the latest incident is at 13:00; the day before's is 27 h earlier
        assertThat(h.get("buckets").get(23).get("start").asText()).isEqualTo("2026-11-20T05:00:00Z");
    }

    @Test
    void the_league_table_lists_the_subdistrict_with_its_closure_rate() throws Exception {
        JsonNode s = get("/api/wall/subdistricts?days=30").get("subdistricts");
        assertThat(s).hasSize(1);
        assertThat(s.get(0).get("code").asText()).isEqualTo("630102001");
        assertThat(s.get(0).get("incidents").asLong()).isEqualTo(4);
        assertThat(s.get(0).get("cases").asLong()).isEqualTo(3);
        assertThat(s.get(0).get("closed").asLong()).isEqualTo(2);
        assertThat(s.get(0).get("overdue").asLong()).isEqualTo(1);
    }

    @Test
    void latest_lists_newest_first_and_after_is_a_cursor() throws Exception {
        JsonNode all = get("/api/wall/latest?limit=3").get("incidents");
        assertThat(all).hasSize(3);
        assertThat(all.get(0).get("id").asLong()).isEqualTo(lastId);
        assertThat(all.get(0).get("gridName").asText()).isEqualTo(RegionFixture.GRID_NAMES[3]);
        assertThat(all.get(0).get("categoryZh").asText()).isNotBlank();
        assertThat(all.get(0).get("lon").asDouble()).isEqualTo(101.815);
        assertThat(get("/api/wall/latest?after=" + lastId).get("incidents")).isEmpty();
        assertThat(get("/api/wall/latest?after=" + (lastId - 1)).get("incidents")).hasSize(1);
    }

    @Test
    void buildings_come_tallest_first_as_the_outer_ring_of_their_largest_part() throws Exception {
        try (var c = db.dataSource().getConnection(); var st = c.createStatement()) {
            // A 30 m tower of two parts (a 100 m square and a small kiosk with a hole-free outline) and a 6 m house.
            st.execute("""
                    INSERT INTO building (code, district_code, use, floors, height_m, geom) VALUES
                    ('B-TOWER', '630102', 'residential', 10, 30.04, ST_GeomFromText('MULTIPOLYGON(((101.800001 36.600001,
                       101.801 36.600001, 101.801 36.601, 101.800001 36.601, 101.800001 36.600001)),
                       ((101.802 36.602, 101.80201 36.602, 101.80201 36.60201, 101.802 36.602)))', 4326)),
                    ('B-HOUSE', '630102', 'residential', 2, 6, ST_GeomFromText('MULTIPOLYGON(((101.81 36.61, 101.8101 36.61,
                       101.8101 36.6101, 101.81 36.6101, 101.81 36.61)))', 4326))""");
        }
        JsonNode b = get("/api/wall/buildings");
        assertThat(b.get("limit").asInt()).isEqualTo(3000);
        assertThat(b.get("buildings")).hasSize(2);
        JsonNode tower = b.get("buildings").get(0);
        assertThat(tower.get(0).asDouble()).isEqualTo(30.0);
        assertThat(tower.get(1)).hasSize(10);    // 5 vertices of the large square only, closed
        assertThat(tower.get(1).get(0).asDouble()).isEqualTo(101.8);
        assertThat(tower.get(1).get(1).asDouble()).isEqualTo(36.6);
        assertThat(tower.get(1).get(8).asDouble()).isEqualTo(tower.get(1).get(0).asDouble());
        assertThat(b.get("buildings").get(1).get(0).asDouble()).isEqualTo(6.0);
    }

    @Test
    void grid_outlines_keep_their_chinese_names_as_utf8() throws Exception {
        HttpResponse<String> r = server.get("/api/regions/grid.geojson");
        assertThat(r.headers().firstValue("Content-Type").orElse("")).isEqualTo("application/geo+json; charset=utf-8");
        List<String> names = new java.util.ArrayList<>();
        json.readTree(r.body()).get("features").forEach(f -> names.add(f.at("/properties/name").asText()));
        assertThat(names).containsExactlyInAnyOrder(RegionFixture.GRID_NAMES);
    }

    @Test
    void point_layers_answer_even_when_empty() throws Exception {
        assertThat(get("/api/wall/points?kind=facilities").get("points")).isEmpty();
        assertThat(get("/api/wall/points?kind=cameras").get("points")).isEmpty();
    }

    @Test
    void the_built_in_config_has_views_and_the_four_layouts() throws Exception {
        JsonNode c = get("/api/wall/config");
        assertThat(c.get("views").size()).isGreaterThan(0);
        assertThat(List.of("1080p", "4k", "ultrawide", "wall3x3")).allMatch(l -> c.get("layouts").has(l));
        assertThat(c.at("/layouts/ultrawide/width").asInt()).isEqualTo(3840);
    }

    @Test
    void a_config_file_replaces_the_built_in_config_and_a_broken_edit_keeps_the_last_good_one(@TempDir Path dir)
            throws Exception {
        Path file = dir.resolve("wall.json");
        Files.writeString(file, "{\"views\":[{\"id\":\"only\"}],\"layouts\":{\"x\":{\"width\":1000,\"height\":500}}}");
        try (TestServer custom = new TestServer(db.database(), List.of("--wall.config-file=" + file))) {
            assertThat(json.readTree(custom.get("/api/wall/config").body()).at("/views/0/id").asText()).isEqualTo("only");
            Files.writeString(file, "{ not json");
            Files.setLastModifiedTime(file, java.nio.file.attribute.FileTime.fromMillis(System.currentTimeMillis() + 5000));
            HttpResponse<String> r = custom.get("/api/wall/config");
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(json.readTree(r.body()).at("/views/0/id").asText()).isEqualTo("only");
            assertThat(r.headers().firstValue("Warning")).isPresent();
        }
    }

    @Test
    void the_wall_coverage_is_the_planners_suppressed_answer_for_the_configs_entry_and_ignores_what_if_parameters()
            throws Exception {
        JsonNode planner = get("/api/analytics/coverage?type=elderly_day_care&reach=300&group=elderly");
        JsonNode wall = get("/api/wall/coverage");
        assertThat(wall).isEqualTo(planner);
        assertThat(wall.get("grids")).isNotEmpty();
        assertThat(get("/api/wall/coverage?lon=101.81&lat=36.61&type=school&reach=5000")).as("the caller chooses nothing")
                .isEqualTo(planner);
        assertThat(server.get("/api/wall/coverage").headers().firstValue("Cache-Control")).hasValue("max-age=60");
    }

    @Test
    void a_config_file_with_a_broken_coverage_entry_is_refused_at_start(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("wall.json");
        Files.writeString(file, "{\"views\":[{\"id\":\"only\"}],\"layouts\":{\"x\":{\"width\":1000,\"height\":500}},"
                + "\"coverage\":{\"type\":\"elderly_day_care\",\"reach\":-300}}");
        assertThat(org.assertj.core.api.Assertions.catchThrowable(() -> new WallConfigSource(java.util.Optional.of(file))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("coverage").hasMessageContaining("reach");
    }

    @Test
    void echarts_and_the_wall_script_are_sent_compressed_the_same_each_time_and_echarts_is_cached_for_a_year() throws Exception {
        for (String path : List.of("/webjars/echarts/5.5.0/echarts.min.js", "/static/js/wall.js")) {
            HttpResponse<byte[]> a = server.send(server.request(path).header("Accept-Encoding", "gzip").build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            HttpResponse<byte[]> b = server.send(server.request(path).header("Accept-Encoding", "gzip").build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            assertThat(a.statusCode()).isEqualTo(200);
            assertThat(a.headers().firstValue("Content-Encoding")).as(path).hasValue("gzip");
            assertThat(b.body()).as(path).isEqualTo(a.body());
            String text = new String(new java.util.zip.GZIPInputStream(new java.io.ByteArrayInputStream(a.body())).readAllBytes(),
                    java.nio.charset.StandardCharsets.UTF_8);
            assertThat(text).as(path).contains(path.contains("echarts") ? "echarts" : "GL_WALL");
        }
        assertThat(server.get("/webjars/echarts/5.5.0/echarts.min.js").headers().firstValue("Cache-Control"))
                .hasValue("max-age=31622400");
    }

    @ParameterizedTest
    @ValueSource(strings = {"/api/wall/categories?days=0", "/api/wall/categories?days=367", "/api/wall/categories?days=-1",
        "/api/wall/categories?days=1e3", "/api/wall/trend?range=1y", "/api/wall/trend?range=24h%27--",
        "/api/wall/latest?limit=0", "/api/wall/latest?limit=201", "/api/wall/latest?after=-5",
        "/api/wall/latest?after=99999999999999999999", "/api/wall/points?kind=residents", "/api/wall/points",
        "/api/wall/subdistricts?days=abc"})
    void hostile_parameters_get_400_with_a_json_reason(String path) throws Exception {
        HttpResponse<String> r = server.get(path);
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(json.readTree(r.body()).get("message").asText()).isNotBlank().doesNotContain("SQL");
    }

    @Test
    void the_planner_and_manager_pages_are_served() {
        assertThat(server.get("/planner").body()).contains("/static/js/planner.js");
        assertThat(server.get("/manager").body()).contains("/static/js/manager.js");
        assertThat(server.get("/static/js/i18n.js").statusCode()).isEqualTo(200);
    }
}
