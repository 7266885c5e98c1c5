package org.gridlens.server.shared;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.gridlens.geodata.testing.FreshDatabase;
import org.gridlens.geodata.testing.RegionFixture;
import org.gridlens.server.testing.Ogr;
import org.gridlens.server.testing.TestServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The shared public database over HTTP: dictionary, upload, exports and OGC API – Features, checked with GDAL. */
class SharedDatabaseApiTest {

    static final ObjectMapper JSON = new ObjectMapper();
    static final FreshDatabase db = FreshDatabase.named("shared_api")
            .seededWith(RegionFixture::insert)
            .seededWith(SharedDatabaseApiTest::incidents);
    @RegisterExtension
    static final TestServer server = TestServer.over(db, "--import.max-bytes=65536");
    @TempDir
    Path dir;

    static void incidents(DataSource ds) throws Exception {
        try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
            s.execute("""
                    INSERT INTO incident (district_code, source, source_id, kind, category_code, description, reported_at, status, geom)
                    SELECT '630102', 'hotline', 'H' || g, 'event', '0101', 'desc ' || g,
                           timestamptz '2026-05-01 00:00+08' + g * interval '1 hour', 'reported',
                           ST_SetSRID(ST_MakePoint(101.801 + (g % 19) * 0.001, 36.601 + (g / 19) * 0.001), 4326)
                    FROM generate_series(0, 336) g""");
        }
    }

    static long sql(String q) throws Exception {
        try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(q)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    HttpResponse<String> upload(String layer, String fileName, byte[] body, String extra) {
        return server.send(server.request("/api/import/" + layer + "?filename="
                        + URLEncoder.encode(fileName, StandardCharsets.UTF_8) + extra)
                .timeout(Duration.ofSeconds(60)).POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    static long featureCount(String ogrinfo) {
        Matcher m = Pattern.compile("Feature Count: (\\d+)").matcher(ogrinfo);
        assertThat(m.find()).as(ogrinfo).isTrue();
        return Long.parseLong(m.group(1));
    }

    @Test
    void the_dictionary_names_every_public_field_in_chinese_and_english_with_its_code_list() throws Exception {
        JsonNode d = JSON.readTree(server.get("/api/dictionary").body());
        JsonNode incident = null;
        for (JsonNode l : d.get("layers")) {
            if (l.get("layer").asText().equals("incident")) {
                incident = l;
            }
        }
        assertThat(incident).isNotNull();
        assertThat(incident.get("fields").toString()).contains("\"field\":\"category_code\"", "\"nameZh\":\"案件类别\"",
                "\"codeList\":\"incident_category\"", "\"sensitivity\":\"PUBLIC\"");
        assertThat(d.get("codeLists").get("facility_type").toString()).contains("elderly_day_care", "日间照料中心");
        assertThat(d.get("codeLists").get("incident_category").toString()).contains("\"timeLimitHours\":24");
        String page = server.get("/static/dictionary.html").body();
        assertThat(page).contains("/static/js/dictionary.js").doesNotContain("<script>");
    }

    @Test
    void an_upload_answers_the_row_report_and_bad_uploads_answer_4xx_without_committing() throws Exception {
        String csv = "code,type,name,capacity,lon,lat\nUP1,kindergarten,=HYPERLINK(\"http://evil\"),30,101.805,36.605\n"
                + "UP2,spaceport,Nope,1,101.805,36.605\n";
        HttpResponse<String> ok = upload("facilities", "fac.csv", csv.getBytes(StandardCharsets.UTF_8), "");
        assertThat(ok.statusCode()).as(ok.body()).isEqualTo(200);
        JsonNode report = JSON.readTree(ok.body());
        assertThat(report.get("inserted").asLong()).isEqualTo(1);
        assertThat(report.get("rejected").asLong()).isEqualTo(1);
        assertThat(report.get("issues").get(0).get("reason").asText()).contains("unknown code");

        HttpResponse<String> fake = upload("facilities", "fac.gpkg", "not sqlite".getBytes(StandardCharsets.UTF_8), "");
        assertThat(fake.statusCode()).isEqualTo(400);
        assertThat(fake.body()).contains("not a GeoPackage").doesNotContain("Exception");
        HttpResponse<String> big = upload("facilities", "big.csv", new byte[70_000], "");
        assertThat(big.statusCode()).isEqualTo(413);
        HttpResponse<String> layer = upload("residents", "r.csv", csv.getBytes(StandardCharsets.UTF_8), "");
        assertThat(layer.statusCode()).isEqualTo(400);
        HttpResponse<String> crs = upload("facilities", "fac.csv", csv.getBytes(StandardCharsets.UTF_8), "&crs=EPSG:2000");
        assertThat(crs.statusCode()).isEqualTo(400);
        assertThat(sql("SELECT count(*) FROM facility")).isEqualTo(1);
        assertThat(server.get("/health").statusCode()).isEqualTo(200);

        HttpResponse<String> export = server.get("/api/export/facilities.csv?bom=true");
        assertThat(export.statusCode()).isEqualTo(200);
        assertThat(export.body()).startsWith("\uFEFFid,code,type,name,capacity,wkt");
        assertThat(export.body()).contains("\"'=HYPERLINK(\"\"http://evil\"\")\"");
    }

    @Test
    void uploads_larger_than_the_general_body_limit_reach_the_importer() throws Exception {
        try (TestServer big = new TestServer(db.database(), List.of("--import.max-bytes=33554432"))) {
            byte[] body = new byte[12 << 20];
            java.util.Arrays.fill(body, (byte) ' ');
            body[0] = '{';
            HttpResponse<String> r = big.send(big.request("/api/import/facilities?filename=x.geojson")
                    .timeout(Duration.ofSeconds(60)).POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).as(r.body()).isEqualTo(400);
            assertThat(r.body()).contains("GeoJSON");
        }
    }

    @Test
    void geojson_and_geopackage_exports_read_back_in_ogrinfo_with_the_sql_count_and_crs() throws Exception {
        String window = "?from=" + URLEncoder.encode("2026-05-03T00:00:00+08:00", StandardCharsets.UTF_8)
                + "&to=" + URLEncoder.encode("2026-05-10T00:00:00+08:00", StandardCharsets.UTF_8) + "&region=630102001001001";
        long expected = sql("SELECT count(*) FROM incident i WHERE reported_at >= '2026-05-03 00:00+08' AND reported_at < "
                + "'2026-05-10 00:00+08' AND ST_Intersects(i.geom, (SELECT geom FROM region WHERE code = '630102001001001'))");
        assertThat(expected).isPositive();

        Path geojson = dir.resolve("incidents.geojson");
        Files.write(geojson, server.getBytes("/api/export/incidents.geojson" + window).body());
        String info = Ogr.info("-al", "-so", geojson.toString());
        assertThat(featureCount(info)).isEqualTo(expected);
        assertThat(info).contains("category_code: String", "reported_at: DateTime");

        Path gpkg = dir.resolve("incidents.gpkg");
        HttpResponse<byte[]> g = server.getBytes("/api/export/incidents.gpkg" + window);
        assertThat(g.statusCode()).isEqualTo(200);
        Files.write(gpkg, g.body());
        String ginfo = Ogr.info("-al", "-so", gpkg.toString());
        assertThat(featureCount(ginfo)).isEqualTo(expected);
        assertThat(ginfo).contains("ID[\"EPSG\",4326]");

        assertThat(server.get("/api/export/residents.geojson").statusCode()).isEqualTo(404);
        assertThat(server.get("/api/export/incidents.geojson?from=yesterday").statusCode()).isEqualTo(400);
        assertThat(server.get("/api/export/incidents.geojson?region=1;DROP").statusCode()).isEqualTo(400);
    }

    @Test
    void the_3d_box_route_answers_hits_and_refuses_bad_boxes() throws Exception {
        try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement()) {
            s.execute("INSERT INTO building (code, district_code, use, floors, height_m, base_elev_m, geom) VALUES ('T1', '630102',"
                    + " 'office', 10, 40, 2230, ST_Multi(ST_MakeEnvelope(101.8100, 36.6100, 101.8102, 36.6102, 4326)))");
        }
        String hits = server.get("/api/buildings/in-box?bbox=101.80,36.60,101.82,36.62&zmin=2260&zmax=2300").body();
        assertThat(hits).contains("\"code\":\"T1\"");
        assertThat(server.get("/api/buildings/in-box?bbox=101.80,36.60,101.82,36.62&zmin=2300&zmax=2400").body()).doesNotContain("T1");
        assertThat(server.get("/api/buildings/in-box?bbox=1,2,0,3").statusCode()).isEqualTo(400);
        assertThat(server.get("/api/buildings/in-box?bbox=a,b,c,d").statusCode()).isEqualTo(400);
        HttpResponse<String> city = server.get("/api/export/buildings.city.json");
        assertThat(city.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(city.body()).get("CityObjects").has("T1")).isTrue();
        HttpResponse<String> seq = server.get("/api/export/buildings.city.jsonl");
        assertThat(seq.statusCode()).isEqualTo(200);
        assertThat(seq.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/city+json-seq"));
        String[] lines = seq.body().split("\n");
        assertThat(JSON.readTree(lines[0]).get("type").asText()).isEqualTo("CityJSON");
        assertThat(lines).filteredOn(l -> l.contains("\"id\":\"T1\"")).hasSize(1)
                .allSatisfy(l -> assertThat(JSON.readTree(l).get("type").asText()).isEqualTo("CityJSONFeature"));
    }

    @Test
    void gdal_oapif_lists_the_public_collections_and_reads_the_sql_feature_count() throws Exception {
        String url = "OAPIF:" + server.base() + "/ogc";
        String list = Ogr.info(url);
        assertThat(list).contains("incidents", "facilities", "regions").doesNotContain("resident");
        String info = Ogr.info("-so", url, "incidents");
        assertThat(featureCount(info)).isEqualTo(sql("SELECT count(*) FROM incident"));
        String all = Ogr.info(url, "regions");
        assertThat(all.split("OGRFeature\\(regions\\)", -1).length - 1).isEqualTo((int) sql("SELECT count(*) FROM region"));

        JsonNode page = JSON.readTree(server.get("/ogc/collections/incidents/items?limit=100&offset=100&bbox=101.80,36.60,101.82,36.62").body());
        assertThat(page.get("numberReturned").asInt()).isEqualTo(100);
        assertThat(page.get("links").toString()).contains("\"rel\":\"next\"", "\"rel\":\"prev\"");
        assertThat(server.get("/ogc/collections/incidents/items?limit=0").statusCode()).isEqualTo(400);
        assertThat(server.get("/ogc/collections/incidents/items?bbox=1,2,3").statusCode()).isEqualTo(400);
        assertThat(server.get("/ogc/collections/residents/items").statusCode()).isEqualTo(404);
        assertThat(server.get("/ogc/collections/incidents/items/999999").statusCode()).isEqualTo(404);
    }
}
