package org.gridlens.geodata.importing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.gridlens.geodata.crs.GaussKruger;
import org.gridlens.geodata.crs.Gcj02;
import org.gridlens.geodata.testing.FreshDatabase;
import org.gridlens.geodata.testing.RegionFixture;
import org.gridlens.geodata.testing.RollupRecount;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

class LayerImporterTest {

    @RegisterExtension
    static final FreshDatabase db = FreshDatabase.named("importer").seededWith(RegionFixture::insert);
    /** Stateless: one per test instance, over the class's database. */
    final LayerImporter importer = new LayerImporter(db.dataSource(), ImportLimits.DEFAULTS);
    @TempDir
    Path dir;

    static String incident(String id, String category, String geometryJson) {
        return """
                {"type":"Feature","properties":{"source":"hotline","source_id":"%s","kind":"event","category_code":"%s",
                 "reported_at":"2026-05-01 08:30:00","status":"reported","description":"井盖 'x' \\\\ \\t 尾"},
                 "geometry":%s}""".formatted(id, category, geometryJson);
    }

    static String collection(String... features) {
        return "{\"type\":\"FeatureCollection\",\"features\":[" + String.join(",", features) + "]}";
    }

    Path write(String name, String text) throws IOException {
        return write(name, text.getBytes(StandardCharsets.UTF_8));
    }

    Path write(String name, byte[] bytes) throws IOException {
        Path f = dir.resolve(name);
        Files.write(f, bytes);
        return f;
    }

    ImportReport importFile(ImportLayer layer, Path f) {
        return importer.importFile(layer, f, f.getFileName().toString(), SourceMapping.NONE, Optional.empty());
    }

    @Test
    void every_bad_row_is_reported_with_its_reason_and_the_good_rows_are_committed() throws Exception {
        Path f = write("incidents.geojson", collection(
                incident("G1", "0101", "{\"type\":\"Point\",\"coordinates\":[101.805,36.605]}"),
                incident("G2", "0504", "{\"type\":\"Point\",\"coordinates\":[101.815,36.615]}"),
                incident("SWAP", "0101", "{\"type\":\"Point\",\"coordinates\":[36.605,101.805]}"),
                incident("FAR", "0101", "{\"type\":\"Point\",\"coordinates\":[116.4,39.9]}"),
                incident("NAN", "0101", "{\"type\":\"Point\",\"coordinates\":[NaN,36.605]}"),
                incident("EMPTY", "0101", "{\"type\":\"Point\",\"coordinates\":[]}"),
                incident("LINE", "0101", "{\"type\":\"LineString\",\"coordinates\":[[101.805,36.605],[101.806,36.606]]}"),
                incident("CODE", "9999", "{\"type\":\"Point\",\"coordinates\":[101.805,36.605]}"),
                incident("G1", "0101", "{\"type\":\"Point\",\"coordinates\":[101.806,36.606]}"),
                "{\"type\":\"Feature\",\"properties\":{\"source\":\"hotline\",\"source_id\":\"NOTIME\",\"kind\":\"event\","
                        + "\"category_code\":\"0101\",\"status\":\"reported\"},\"geometry\":{\"type\":\"Point\",\"coordinates\":[101.805,36.605]}}"));

        ImportReport r = importFile(ImportLayer.INCIDENTS, f);

        assertThat(r.read()).isEqualTo(10);
        assertThat(r.inserted()).isEqualTo(2);
        assertThat(r.rejected()).isEqualTo(8);
        assertThat(r.issues()).extracting(i -> i.row() + " " + i.field() + ": " + i.reason()).contains(
                "3 geom: longitude and latitude are swapped",
                "4 geom: outside the district",
                "7 geom: wrong geometry type: incident needs a Point",
                "8 category_code: unknown code in list incident_category",
                "9 source_id: duplicate id in the file (first at row 1)",
                "10 reported_at: missing required field reported_at (上报时间)");
        assertThat(r.issues()).filteredOn(i -> i.row() == 5).singleElement().satisfies(i -> assertThat(i.reason()).contains("NaN"));
        assertThat(r.issues()).filteredOn(i -> i.row() == 6).singleElement().satisfies(i -> assertThat(i.reason()).contains("empty"));
        assertThat(r.issues()).allMatch(i -> i.outcome() == ImportIssue.Outcome.REJECTED);
        assertThat(db.count("SELECT count(*) FROM incident WHERE source_id IN ('G1','G2')")).isEqualTo(2);
        assertThat(db.count("SELECT count(*) FROM incident WHERE source_id IN ('SWAP','FAR','NAN','EMPTY','LINE','CODE','NOTIME')")).isZero();
        assertThat(db.text("SELECT grid_code FROM incident WHERE source_id = 'G1'")).isEqualTo("630102001001003");
        assertThat(db.text("SELECT description FROM incident WHERE source_id = 'G1'")).isEqualTo("井盖 'x' \\ \t 尾");
        assertThat(db.text("SELECT deadline - reported_at FROM incident WHERE source_id = 'G1'")).isEqualTo("1 day");
    }

    @Test
    void reimporting_the_same_file_changes_nothing_and_a_changed_row_is_reported_updated() throws Exception {
        Path f = write("again.geojson", collection(
                incident("R1", "0101", "{\"type\":\"Point\",\"coordinates\":[101.805,36.605]}"),
                incident("R2", "0101", "{\"type\":\"Point\",\"coordinates\":[101.806,36.606]}")));
        ImportReport first = importFile(ImportLayer.INCIDENTS, f);
        ImportReport second = importFile(ImportLayer.INCIDENTS, f);
        Path changed = write("changed.geojson", collection(
                incident("R1", "0102", "{\"type\":\"Point\",\"coordinates\":[101.805,36.605]}"),
                incident("R2", "0101", "{\"type\":\"Point\",\"coordinates\":[101.806,36.606]}")));
        ImportReport third = importFile(ImportLayer.INCIDENTS, changed);

        assertThat(first.inserted()).isEqualTo(2);
        assertThat(second.inserted() + second.updated()).isZero();
        assertThat(second.unchanged()).isEqualTo(2);
        assertThat(third.updated()).isEqualTo(1);
        assertThat(third.unchanged()).isEqualTo(1);
        assertThat(db.count("SELECT count(*) FROM incident WHERE source_id LIKE 'R%'")).isEqualTo(2);
        assertDailyCountsExact(db);
    }

    @Test
    void a_large_csv_takes_the_bulk_path_joins_like_the_database_and_leaves_indexes_keys_and_counts_intact() throws Exception {
        String schema = """
                SELECT string_agg(d, ' | ' ORDER BY d) FROM (
                  SELECT pg_get_indexdef(indexrelid) AS d FROM pg_index WHERE indrelid = 'incident'::regclass
                  UNION ALL SELECT conname || ' ' || pg_get_constraintdef(oid) FROM pg_constraint WHERE conrelid = 'incident'::regclass
                  UNION ALL SELECT tgname || ' ' || tgenabled::text FROM pg_trigger WHERE tgrelid = 'incident'::regclass AND NOT tgisinternal) x""";
        String before = db.text(schema);
        StringBuilder csv = new StringBuilder("source,source_id,kind,category_code,reported_at,status,lon,lat\n");
        double mid = (RegionFixture.WEST + RegionFixture.EAST) / 2;
        double midY = (RegionFixture.SOUTH + RegionFixture.NORTH) / 2;
        for (int i = 0; i < 300; i++) {
            // every fifth point lies exactly on a shared grid edge or corner, or on a unit-cell edge
            double lon = i % 5 == 0 ? mid : RegionFixture.WEST + 0.0001 + (i * 0.000731) % 0.0198;
            double lat = i % 10 == 0 ? midY : RegionFixture.SOUTH + 0.0001 + (i * 0.000457) % 0.0198;
            csv.append("grid_worker,BULK").append(i).append(",event,").append(i % 2 == 0 ? "0101" : "0504")
                    .append(",2026-05-0").append(1 + i % 7).append(" 23:30:00,reported,").append(lon).append(',').append(lat).append('\n');
        }
        Path f = write("bulk.csv", csv.toString());
        LayerImporter bulk = new LayerImporter(db.dataSource(), ImportLimits.DEFAULTS, 50);

        ImportReport first = bulk.importFile(ImportLayer.INCIDENTS, f, "bulk.csv", SourceMapping.NONE, Optional.empty());
        ImportReport again = bulk.importFile(ImportLayer.INCIDENTS, f, "bulk.csv", SourceMapping.NONE, Optional.empty());

        assertThat(first.inserted()).isEqualTo(300);
        assertThat(again.unchanged()).isEqualTo(300);
        assertThat(db.text(schema)).isEqualTo(before);
        assertThat(db.count("""
                SELECT count(*) FROM incident WHERE source_id LIKE 'BULK%'
                  AND (grid_code IS DISTINCT FROM gl_grid_of(geom) OR cell_id IS DISTINCT FROM gl_cell_of(geom))""")).isZero();
        assertThat(db.count("SELECT count(DISTINCT grid_code) FROM incident WHERE source_id LIKE 'BULK%'")).isEqualTo(4);
        assertDailyCountsExact(db);
        assertRollupsExact();
    }

    @Test
    void a_bulk_reimport_updates_changed_rows_inserts_new_ones_announces_them_and_keeps_the_counts_exact() throws Exception {
        Path first = write("mix1.csv", mixedCsv(200, 0));
        // the second file: rows 0-49 change category and day, 50-199 stay, 200-1199 are new (more rows
        // than the table holds, so the bulk path is taken again)
        Path second = write("mix2.csv", mixedCsv(1200, 50));
        LayerImporter bulk = new LayerImporter(db.dataSource(), ImportLimits.DEFAULTS, 50);
        bulk.importFile(ImportLayer.INCIDENTS, first, "mix1.csv", SourceMapping.NONE, Optional.empty());

        long indexBefore = db.count("SELECT 'incident_reported_idx'::regclass::oid");
        List<String> announced = new ArrayList<>();
        ImportReport r;
        try (Connection listener = db.dataSource().getConnection(); Statement s = listener.createStatement()) {
            s.execute("LISTEN gridlens_incident");
            r = bulk.importFile(ImportLayer.INCIDENTS, second, "mix2.csv", SourceMapping.NONE, Optional.empty());
            s.execute("SELECT 1"); // receives what arrived meanwhile
            PGNotification[] got = listener.unwrap(PGConnection.class).getNotifications(5_000);
            for (PGNotification n : got == null ? new PGNotification[0] : got) {
                announced.add(n.getParameter().replace(" ", ""));
            }
            s.execute("UNLISTEN *");
        }

        assertThat(db.count("SELECT 'incident_reported_idx'::regclass::oid")).as("rebuilt by the bulk path").isNotEqualTo(indexBefore);
        assertThat(r.inserted()).isEqualTo(1000);
        assertThat(r.updated()).isEqualTo(50);
        assertThat(r.unchanged()).isEqualTo(150);
        assertThat(db.count("SELECT count(*) FROM incident WHERE source_id LIKE 'MIX%' AND category_code = '0504'")).isEqualTo(50);
        assertThat(db.count("""
                SELECT count(*) FROM incident WHERE source_id LIKE 'MIX%'
                  AND (grid_code IS DISTINCT FROM gl_grid_of(geom) OR cell_id IS DISTINCT FROM gl_cell_of(geom))""")).isZero();
        assertThat(announced).anySatisfy(a -> assertThat(a).contains("\"op\":\"bulk_insert\"").contains("\"count\":1000"));
        // 50 updated rows: at most 50, so the UPDATE trigger announces each one
        assertThat(announced).filteredOn(a -> a.contains("\"op\":\"update\"")).hasSize(50)
                .allSatisfy(a -> assertThat(a).contains("\"category\":\"0504\""));
        assertDailyCountsExact(db);
        assertRollupsExact();
    }

    /** {@code rows} camera incidents MIX0…; the first {@code moved} of them in category 0504 on 9 June, the rest 0101. */
    static String mixedCsv(int rows, int moved) {
        StringBuilder csv = new StringBuilder("source,source_id,kind,category_code,reported_at,status,lon,lat\n");
        for (int i = 0; i < rows; i++) {
            csv.append("camera,MIX").append(i).append(",event,").append(i < moved ? "0504" : "0101").append(",2026-06-0")
                    .append(i < moved ? 9 : 1 + i % 5).append(" 10:00:00,reported,")
                    .append(RegionFixture.WEST + 0.0002 + (i * 0.000613) % 0.0196).append(',')
                    .append(RegionFixture.SOUTH + 0.0002 + (i * 0.000389) % 0.0196).append('\n');
        }
        return csv.toString();
    }

    /** Every roll-up of incidents (daily, cell, square, grid, KPI) equals a recount from the incident table. */
    static void assertRollupsExact() throws SQLException {
        try (Connection c = db.dataSource().getConnection()) {
            assertThat(RollupRecount.heldRows(c)).as("the recount compares something").isPositive();
            assertThat(RollupRecount.differences(c)).isEmpty();
        }
    }

    /** The daily counts of {@code db} equal a recount from its incidents. */
    static void assertDailyCountsExact(FreshDatabase db) throws SQLException {
        assertThat(db.count("""
                SELECT count(*) FROM (
                  (SELECT cell_id, day, category_code, n FROM incident_daily
                   EXCEPT SELECT coalesce(cell_id, 0), gl_local_day(reported_at), category_code, count(*)::int FROM incident GROUP BY 1, 2, 3)
                  UNION ALL
                  (SELECT coalesce(cell_id, 0), gl_local_day(reported_at), category_code, count(*)::int FROM incident GROUP BY 1, 2, 3
                   EXCEPT SELECT cell_id, day, category_code, n FROM incident_daily)) diff""")).isZero();
    }

    @Test
    void a_gbk_csv_is_detected_and_stored_without_mojibake() throws Exception {
        String csv = "编号,类别,上报时间,状态,经度,纬度,描述\nGBK1,0101,2026-05-02 09:00,reported,101.805,36.605,东关大街井盖破损\n";
        Path f = write("gbk.csv", csv.getBytes(Charset.forName("GBK")));
        SourceMapping m = SourceMapping.parse("""
                {"columns":{"编号":"source_id","类别":"category_code","上报时间":"reported_at","状态":"status","描述":"description"},
                 "constants":{"source":"grid_worker","kind":"event"}}""");

        ImportReport r = importer.importFile(ImportLayer.INCIDENTS, f, "gbk.csv", m, Optional.empty());

        assertThat(r.encoding()).isEqualTo("GB18030");
        assertThat(r.inserted()).isEqualTo(1);
        assertThat(db.text("SELECT description FROM incident WHERE source_id = 'GBK1'")).isEqualTo("东关大街井盖破损");
    }

    @Test
    void a_gbk_csv_declared_utf8_is_refused_and_nothing_is_committed() throws Exception {
        String csv = "source,source_id,kind,category_code,reported_at,status,lon,lat,description\n"
                + "hotline,U1,event,0101,2026-05-02 09:00,reported,101.805,36.605,东关\n"
                + "hotline,U2,event,0101,2026-05-02 09:00,reported,101.805,36.605,东关\n";
        Path f = write("declared.csv", csv.getBytes(Charset.forName("GBK")));
        SourceMapping m = SourceMapping.parse("{\"encoding\":\"UTF-8\"}");

        assertThatThrownBy(() -> importer.importFile(ImportLayer.INCIDENTS, f, "declared.csv", m, Optional.empty()))
                .isInstanceOf(ImportException.class).hasMessageContaining("not valid UTF-8").hasMessageContaining("GBK");
        assertThat(db.count("SELECT count(*) FROM incident WHERE source_id LIKE 'U_'")).isZero();
    }

    @Test
    void gauss_krueger_with_and_without_zone_prefix_gcj02_and_web_mercator_land_on_the_same_spot() throws Exception {
        double lon = 101.8123;
        double lat = 36.6071;
        double[] gk = GaussKruger.forward(lon, lat);
        double[] gcj = Gcj02.fromWgs84(lon, lat);
        double mx = lon * 20037508.342789244 / 180;
        double my = Math.log(Math.tan((90 + lat) * Math.PI / 360)) * 6378137.0;
        String header = "source,source_id,kind,category_code,reported_at,status,x,y\n";
        String row = "hotline,%s,event,0101,2026-05-03 10:00,reported,%.8f,%.8f\n";
        record Case(String id, String crs, double x, double y) {
        }
        for (Case c : new Case[] {
            new Case("GK", "EPSG:4543", gk[0], gk[1]),
            new Case("GKZ", "EPSG:4543", gk[0] + 34_000_000, gk[1]),
            new Case("GCJ", "GCJ-02", gcj[0], gcj[1]),
            new Case("WM", "EPSG:3857", mx, my),
            new Case("CGCS", "EPSG:4490", lon, lat)}) {
            Path f = write(c.id + ".csv", header + String.format(java.util.Locale.ROOT, row, c.id, c.x, c.y));
            ImportReport r = importer.importFile(ImportLayer.INCIDENTS, f, c.id + ".csv", SourceMapping.NONE,
                    Optional.of(SourceCrs.parse(c.crs)));
            assertThat(r.inserted()).as(c.crs + " " + r.issues()).isEqualTo(1);
            double metres = Double.parseDouble(db.text("SELECT ST_Distance(ST_Transform(geom, 4543), ST_Transform(ST_SetSRID("
                    + "ST_MakePoint(" + lon + "," + lat + "), 4326), 4543)) FROM incident WHERE source_id = '" + c.id + "'"));
            assertThat(metres).as(c.id).isLessThan(1.0);
        }
    }

    @Test
    void an_invalid_building_footprint_is_repaired_and_flagged() throws Exception {
        String bowtie = "{\"type\":\"Polygon\",\"coordinates\":[[[101.801,36.601],[101.802,36.602],[101.802,36.601],"
                + "[101.801,36.602],[101.801,36.601]]]}";
        Path f = write("b.geojson", collection("{\"type\":\"Feature\",\"properties\":{\"code\":\"B1\",\"use\":\"residential\","
                + "\"floors\":6,\"height_m\":18.5},\"geometry\":" + bowtie + "}"));

        ImportReport r = importFile(ImportLayer.BUILDINGS, f);

        assertThat(r.inserted()).isEqualTo(1);
        assertThat(r.repaired()).isEqualTo(1);
        assertThat(r.issues()).singleElement().satisfies(i -> {
            assertThat(i.outcome()).isEqualTo(ImportIssue.Outcome.REPAIRED);
            assertThat(i.reason()).contains("Self-intersection");
        });
        assertThat(db.text("SELECT ST_IsValid(geom) AND grid_code IS NOT NULL FROM building WHERE code = 'B1'")).isEqualTo("t");
    }

    @Test
    void hostile_files_fail_whole_with_a_clear_message_and_commit_nothing() throws Exception {
        long before = db.count("SELECT count(*) FROM incident");
        String deep = "{\"type\":\"FeatureCollection\",\"features\":[{\"type\":\"Feature\",\"properties\":{\"a\":"
                + "[".repeat(5000) + "]".repeat(5000) + "}}]}";
        assertThatThrownBy(() -> importFile(ImportLayer.INCIDENTS, write("deep.geojson", deep)))
                .isInstanceOf(ImportException.class).hasMessageContaining("nesting depth");
        String good = incident("T1", "0101", "{\"type\":\"Point\",\"coordinates\":[101.805,36.605]}");
        String full = collection(good, good.replace("T1", "T2"));
        String truncated = full.substring(0, full.length() - 60);
        assertThatThrownBy(() -> importFile(ImportLayer.INCIDENTS, write("cut.geojson", truncated)))
                .isInstanceOf(ImportException.class).hasMessageContaining("truncated");
        assertThatThrownBy(() -> importFile(ImportLayer.INCIDENTS, write("fake.gpkg", "%PDF-1.4 not a geopackage")))
                .isInstanceOf(ImportException.class).hasMessageContaining("not a GeoPackage");
        assertThatThrownBy(() -> importFile(ImportLayer.INCIDENTS, write("fake.geojson", "<html>oops</html>")))
                .isInstanceOf(ImportException.class).hasMessageContaining("not a GeoJSON");
        Path bigger = write("big.geojson", collection(good));
        LayerImporter tiny = new LayerImporter(db.dataSource(), ImportLimits.DEFAULTS.withMaxFileBytes(100));
        assertThatThrownBy(() -> tiny.importFile(ImportLayer.INCIDENTS, bigger, "big.geojson", SourceMapping.NONE, Optional.empty()))
                .isInstanceOf(ImportException.class).matches(e -> ((ImportException) e).tooLarge());
        assertThat(db.count("SELECT count(*) FROM incident")).isEqualTo(before);
    }

    @Test
    void a_zip_bomb_is_refused_before_it_fills_the_disk() throws Exception {
        Path zip = dir.resolve("bomb.zip");
        try (ZipOutputStream z = new ZipOutputStream(Files.newOutputStream(zip))) {
            z.putNextEntry(new ZipEntry("bomb.shp"));
            byte[] zeros = new byte[1 << 20];
            for (int i = 0; i < 64; i++) {
                z.write(zeros);
            }
            z.closeEntry();
        }
        assertThat(Files.size(zip)).isLessThan(1 << 20);
        LayerImporter small = new LayerImporter(db.dataSource(), new ImportLimits(1 << 20, 8 << 20, 64, 32, 1 << 20, 1000));

        assertThatThrownBy(() -> small.importFile(ImportLayer.FACILITIES, zip, "bomb.zip", SourceMapping.NONE, Optional.empty()))
                .isInstanceOf(ImportException.class).hasMessageContaining("zip bomb");
    }

    @Test
    void a_million_vertex_polygon_is_rejected_as_a_row_without_being_built() throws Exception {
        StringBuilder sb = new StringBuilder("{\"type\":\"FeatureCollection\",\"features\":[{\"type\":\"Feature\",\"properties\":"
                + "{\"code\":\"HUGE\",\"use\":\"residential\",\"floors\":1,\"height_m\":3},\"geometry\":{\"type\":\"Polygon\","
                + "\"coordinates\":[[");
        for (int i = 0; i < 1_000_000; i++) {
            double a = 2 * Math.PI * i / 1_000_000;
            sb.append('[').append(101.81 + 0.001 * Math.cos(a)).append(',').append(36.61 + 0.001 * Math.sin(a)).append("],");
        }
        sb.append("[101.811,36.61]]]}}]}");
        Path f = write("huge.geojson", sb.toString());
        long t0 = System.nanoTime();

        ImportReport r = importFile(ImportLayer.BUILDINGS, f);

        assertThat(r.rejected()).isEqualTo(1);
        assertThat(r.issues()).singleElement().satisfies(i -> assertThat(i.reason()).contains("more than 200000 vertices"));
        assertThat((System.nanoTime() - t0) / 1e9).isLessThan(20);
        assertThat(db.count("SELECT count(*) FROM building WHERE code = 'HUGE'")).isZero();
    }
}
