package org.gridlens.server.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.Statement;
import org.gridlens.geodata.testing.FreshDatabase;
import org.gridlens.server.testing.TestServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AnalyticsEndpointsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    static final FreshDatabase db = FreshDatabase.named("analytics_http").seededWith(FreshDatabase.smallDemo());
    @RegisterExtension
    static final TestServer server = TestServer.over(db);

    private static JsonNode ok(String path, String contentType) throws Exception {
        return AnalyticsAnswers.ok(server, path, contentType);
    }

    @Test
    void statisticsAreServedAsJsonAndCsvWithSmallCountsWithheld() throws Exception {
        JsonNode s = ok("/api/analytics/stats?from=2025-11-01&to=2026-11-01&level=grid", "application/json");
        assertThat(s.get("regions").size()).isGreaterThan(30);
        boolean withheld = false;
        for (JsonNode r : s.get("regions")) {
            for (JsonNode v : r.get("people")) {
                if (v.isNull()) {
                    withheld = true;
                } else {
                    assertThat(v.asLong() == 0 || v.asLong() >= 5).isTrue();
                }
            }
        }
        assertThat(withheld).isTrue();
        HttpResponse<String> csv = server.get("/api/analytics/stats?from=2025-11-01&to=2026-11-01&format=csv");
        assertThat(csv.statusCode()).isEqualTo(200);
        assertThat(csv.body()).startsWith("code,name,level,parent_code,area_km2,residents");
    }

    @Test
    void withoutRoadsCoverageIsStraightLineWithTheReasonAndWalkingIsRefused() throws Exception {
        JsonNode cov = ok("/api/analytics/coverage?type=kindergarten", "application/json");
        assertThat(cov.get("reach_mode").asText()).isEqualTo("straight_line");
        assertThat(cov.get("reach_mode_reason").asText()).contains("no road layer");
        HttpResponse<String> walk = server.get("/api/analytics/coverage?type=kindergarten&mode=walking_network");
        assertThat(walk.statusCode()).isEqualTo(400);
        assertThat(walk.body()).contains("no road layer");
    }

    @Test
    void hotSpotsAreGeoJsonAndTooFewFeaturesIsAWellFormedRefusal() throws Exception {
        JsonNode fc = ok("/api/analytics/hotspots?level=hexagon&hex=300&from=2025-11-01&to=2026-11-01", "application/geo+json");
        assertThat(fc.get("type").asText()).isEqualTo("FeatureCollection");
        assertThat(fc.get("features").size()).isGreaterThan(30);
        assertThat(fc.get("refusal").isNull()).isTrue();
        JsonNode refused = ok("/api/analytics/hotspots?level=cell&categories=0999&from=2025-11-01&to=2026-11-01",
                "application/geo+json");
        assertThat(refused.get("refusal").asText()).contains("zero variance");
        assertThat(refused.get("features").size()).isZero();
    }

    @Test
    void coverageHotAreasEmergingAndKnoxAnswer() throws Exception {
        JsonNode cov = ok("/api/analytics/coverage?type=kindergarten&group=children_preschool&lon=101.80&lat=36.62", "application/json");
        assertThat(cov.get("method").asText()).isEqualTo("straight-line");
        assertThat(cov.get("grids").size()).isGreaterThan(30);
        JsonNode unc = ok("/api/analytics/coverage/uncovered.geojson?type=kindergarten&reach=300", "application/geo+json");
        assertThat(unc.get("features").size()).isPositive();
        JsonNode areas = ok("/api/analytics/hotareas?from=2023-11-01&to=2026-11-01&radius=250&min=6&days=180", "application/geo+json");
        assertThat(areas.get("features").size()).isPositive();
        JsonNode drill = ok("/api/analytics/hotareas/1/incidents?from=2023-11-01&to=2026-11-01&radius=250&min=6&days=180",
                "application/json");
        assertThat(drill.get("incidents").size()).isEqualTo(areas.get("features").get(0).get("properties").get("incidents").asInt());
        assertThat(server.get("/api/analytics/hotareas/9999/incidents?from=2023-11-01&to=2026-11-01&radius=250&min=6&days=180")
                .statusCode()).isEqualTo(404);
        JsonNode knox = ok("/api/analytics/knox?categories=0504&from=2025-11-01&to=2026-05-01&permutations=19", "application/json");
        assertThat(knox.get("table").size()).isEqualTo(5);
        JsonNode em = ok("/api/analytics/emerging?from=2025-11-01&to=2026-11-01&categories=05", "application/json");
        assertThat(em.get("steps").asInt()).isEqualTo(52);
    }

    @Test
    void cachedResultsAreInvalidatedWhenIncidentsChange() throws Exception {
        String path = "/api/analytics/stats?from=2025-11-01&to=2026-11-01&level=district";
        long before = ok(path, "application/json").get("regions").get(0).get("incidents").asLong();
        assertThat(ok(path, "application/json").get("regions").get(0).get("incidents").asLong()).isEqualTo(before);
        try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement()) {
            s.executeUpdate("""
                    INSERT INTO incident (district_code, source, source_id, kind, category_code, reported_at, status, geom)
                    SELECT '630102', 'hotline', 'cache-test', 'event', '0501', '2026-06-01 12:00+08', 'reported',
                           ST_PointOnSurface(geom) FROM region WHERE level = 'grid' ORDER BY code LIMIT 1""");
        }
        assertThat(ok(path, "application/json").get("regions").get(0).get("incidents").asLong()).isEqualTo(before + 1);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "/api/analytics/coverage?type=kindergarten&reach=0",
        "/api/analytics/coverage?type=kindergarten&reach=100000",
        "/api/analytics/coverage?type=kindergarten&reach=NaN",
        "/api/analytics/coverage?type=casino",
        "/api/analytics/coverage?type=kindergarten&group=aliens",
        "/api/analytics/coverage?type=kindergarten&lon=101.8",
        "/api/analytics/stats?from=2099-01-01&to=2099-02-01",
        "/api/analytics/stats?from=2026-05-01&to=2026-05-01",
        "/api/analytics/stats?from=2026-05-02&to=2026-05-01",
        "/api/analytics/stats?from=2015-01-01&to=2026-01-01",
        "/api/analytics/stats?from=yesterday",
        "/api/analytics/stats?level=planet",
        "/api/analytics/stats?bogus=1",
        "/api/analytics/hotspots?level=cell&k=5&band=100",
        "/api/analytics/hotspots?level=hexagon&hex=1",
        "/api/analytics/hotspots?band=1e309",
        "/api/analytics/hotspots?sources=x%27%3B%20DROP%20TABLE%20incident%3B--",
        "/api/analytics/hotspots?categories=05%25",
        "/api/analytics/hotspots?fdr=maybe",
        "/api/analytics/hotareas?radius=0",
        "/api/analytics/hotareas/abc/incidents",
        "/api/analytics/knox",
        "/api/analytics/knox?categories=05&permutations=1",
        "/api/analytics/emerging?band=-3"
    })
    void badParametersAre400WithAReasonInJson(String path) throws Exception {
        HttpResponse<String> r = server.get(path);
        assertThat(r.statusCode()).as(path + " → " + r.body()).isEqualTo(400);
        assertThat(r.headers().firstValue("Content-Type").orElse("")).startsWith("application/json");
        assertThat(JSON.readTree(r.body()).toString()).doesNotContain("SQL").doesNotContain("Exception");
    }

    @Test
    void kLargerThanTheFeatureCountIsAWellFormedRefusal() throws Exception {
        JsonNode fc = ok("/api/analytics/hotspots?level=grid&k=500&from=2025-11-01&to=2026-11-01", "application/geo+json");
        assertThat(fc.get("refusal").asText()).contains("not below the feature count");
    }
}
