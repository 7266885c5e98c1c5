package org.gridlens.geodata.importing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.gridlens.geodata.db.Database;
import org.gridlens.geodata.testing.RegionFixture;
import org.gridlens.geodata.testing.RollupRecount;
import org.gridlens.geodata.testing.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The bulk path of incident imports ({@link IncidentBulkLoad}) against the ordinary path, on a file
 * full of hostile rows: the same row-level report, the same rows written, nothing of a rejected row,
 * every roll-up equal to a recount, the schema (indexes, keys, triggers) as it was, an idempotent
 * re-import; and a bulk import the database refuses half-way leaves everything as it was.
 */
class BulkIncidentImportTest {

    /** Bulk path from this many staged rows (the importer's own threshold is 100,000). */
    static final long BULK_FROM = 50;
    static final String SCHEMA = """
            SELECT string_agg(d, ' | ' ORDER BY d) FROM (
              SELECT pg_get_indexdef(indexrelid) AS d FROM pg_index WHERE indrelid = 'incident'::regclass
              UNION ALL SELECT conname || ' ' || pg_get_constraintdef(oid) FROM pg_constraint WHERE conrelid = 'incident'::regclass
              UNION ALL SELECT pg_get_triggerdef(oid) || ' ' || tgenabled::text FROM pg_trigger
                        WHERE tgrelid = 'incident'::regclass AND NOT tgisinternal) x""";
    static final String ROWS = """
            SELECT string_agg(concat_ws('|', source, source_id, kind, category_code, md5(coalesce(description, '-')), reported_at,
                                        closed_at, deadline, status, grid_code, cell_id, ST_AsText(geom)), E'\\n' ORDER BY source, source_id)
            FROM incident""";

    static Database bulkDb;
    static Database plainDb;
    @TempDir
    Path dir;

    @BeforeAll
    static void setUp() throws SQLException {
        bulkDb = TestDatabase.freshDatabase("bulk_import");
        plainDb = TestDatabase.freshDatabase("plain_import");
        RegionFixture.insert(bulkDb.dataSource());
        RegionFixture.insert(plainDb.dataSource());
    }

    @AfterAll
    static void tearDown() {
        bulkDb.close();
        plainDb.close();
    }

    /** 120 good rows, then one of each kind of bad row, then good rows with hostile text. */
    static String hostileCsv() {
        StringBuilder csv = new StringBuilder("source,source_id,kind,category_code,reported_at,status,lon,lat,description\n");
        for (int i = 0; i < 120; i++) {
            double lon = i % 6 == 0 ? (RegionFixture.WEST + RegionFixture.EAST) / 2 : RegionFixture.WEST + 0.0003 + (i * 0.000617) % 0.0194;
            double lat = RegionFixture.SOUTH + 0.0003 + (i * 0.000433) % 0.0194;
            csv.append(i % 3 == 0 ? "hotline" : "camera").append(",H").append(i).append(",event,").append(i % 2 == 0 ? "0101" : "0504")
                    .append(",2026-0").append(1 + i % 9).append("-1").append(i % 10).append(' ').append(10 + i % 14)
                    .append(":15:00,reported,").append(lon).append(',').append(lat).append(",ok\n");
        }
        csv.append("hotline,SWAP,event,0101,2026-05-01 08:00,reported,36.605,101.805,x\n")
                .append("hotline,FAR,event,0101,2026-05-01 08:00,reported,116.4,39.9,x\n")
                .append("hotline,NAN,event,0101,2026-05-01 08:00,reported,NaN,36.605,x\n")
                .append("hotline,WORDS,event,0101,2026-05-01 08:00,reported,abc,36.605,x\n")
                .append("hotline,NOGEOM,event,0101,2026-05-01 08:00,reported,,,x\n")
                .append("hotline,CODE,event,9999,2026-05-01 08:00,reported,101.805,36.605,x\n")
                .append("hotline,STATUS,event,0101,2026-05-01 08:00,lost,101.805,36.605,x\n")
                .append("hotline,NOTIME,event,0101,,reported,101.805,36.605,x\n")
                .append("hotline,BADTIME,event,0101,yesterday,reported,101.805,36.605,x\n")
                .append("nobody,SOURCE,event,0101,2026-05-01 08:00,reported,101.805,36.605,x\n")
                .append("camera,H7,event,0101,2026-05-01 08:00,reported,101.806,36.606,duplicate of row 8\n")
                .append("hotline,LONG,event,0101,2026-05-01 08:00,reported,101.805,36.605,").append("长".repeat(4001)).append('\n')
                .append("hotline,\"x'); DROP TABLE incident; --\",event,0101,2026-05-01 08:00,reported,101.807,36.607,sql\n")
                .append("hotline,ESC,event,0504,2026-05-01T23:59:59+08:00,reported,101.808,36.608,\"tab\there, newline\nthere,")
                .append(" backslash \\N \\\\ and \"\"quotes\"\"\"\n");
        return csv.toString();
    }

    ImportReport importCsv(Database db, long bulkFrom, String name, String csv) throws Exception {
        Path f = dir.resolve(name);
        Files.writeString(f, csv, StandardCharsets.UTF_8);
        return new LayerImporter(db.dataSource(), ImportLimits.DEFAULTS, bulkFrom)
                .importFile(ImportLayer.INCIDENTS, f, name, SourceMapping.NONE, Optional.empty());
    }

    static String text(Database db, String sql) throws SQLException {
        try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }

    static List<String> issues(ImportReport r) {
        List<String> out = new ArrayList<>();
        r.issues().forEach(i -> out.add(i.row() + " " + i.field() + " " + i.value() + ": " + i.reason() + " " + i.outcome()));
        return out;
    }

    static List<String> rollupDifferences(Database db) throws SQLException {
        try (Connection c = db.dataSource().getConnection()) {
            return RollupRecount.differences(c);
        }
    }

    @Test
    void hostile_rows_get_the_same_report_on_the_bulk_path_and_only_good_rows_are_written_with_exact_counts() throws Exception {
        String schemaBefore = text(bulkDb, SCHEMA);
        String registeredIndex = text(bulkDb, "SELECT 'incident_registered_idx'::regclass::oid");
        String reportedIndex = text(bulkDb, "SELECT 'incident_reported_idx'::regclass::oid");

        ImportReport bulk = importCsv(bulkDb, BULK_FROM, "hostile.csv", hostileCsv());
        ImportReport plain = importCsv(plainDb, Long.MAX_VALUE, "hostile.csv", hostileCsv());

        assertThat(text(bulkDb, "SELECT 'incident_reported_idx'::regclass::oid")).as("taken the bulk path: index rebuilt")
                .isNotEqualTo(reportedIndex);
        assertThat(text(bulkDb, "SELECT 'incident_registered_idx'::regclass::oid"))
                .as("a partial index no new row enters is kept, not rebuilt").isEqualTo(registeredIndex);
        assertThat(bulk.read()).isEqualTo(134);
        assertThat(bulk.inserted()).isEqualTo(122);
        assertThat(bulk.rejected()).isEqualTo(12);
        assertThat(issues(bulk)).isEqualTo(issues(plain));
        assertThat(List.of(bulk.read(), bulk.inserted(), bulk.updated(), bulk.unchanged(), bulk.rejected()))
                .isEqualTo(List.of(plain.read(), plain.inserted(), plain.updated(), plain.unchanged(), plain.rejected()));
        assertThat(issues(bulk)).anySatisfy(i -> assertThat(i).startsWith("121 geom").contains("longitude and latitude are swapped"))
                .anySatisfy(i -> assertThat(i).startsWith("131 source_id camera/H7").contains("duplicate id in the file (first at row 8)"))
                .anySatisfy(i -> assertThat(i).startsWith("132 description").contains("over 4000"));
        assertThat(text(bulkDb, ROWS)).as("the rows written, bulk vs ordinary path").isEqualTo(text(plainDb, ROWS));
        assertThat(text(bulkDb, "SELECT count(*) FROM incident WHERE source_id IN ('SWAP','FAR','NAN','WORDS','NOGEOM','CODE',"
                + "'STATUS','NOTIME','BADTIME','SOURCE','LONG') OR source = 'nobody'")).isEqualTo("0");
        assertThat(text(bulkDb, "SELECT description FROM incident WHERE source_id = 'ESC'"))
                .isEqualTo("tab\there, newline\nthere, backslash \\N \\\\ and \"quotes\"");
        assertThat(text(bulkDb, "SELECT ST_AsText(geom) FROM incident WHERE source_id = 'H7'")).as("the first H7 wins")
                .isNotEqualTo("POINT(101.806 36.606)");
        assertThat(text(bulkDb, "SELECT count(*) FROM incident WHERE source_id = 'x''); DROP TABLE incident; --'")).isEqualTo("1");
        assertThat(rollupDifferences(bulkDb)).isEmpty();
        assertThat(text(bulkDb, SCHEMA)).as("indexes, keys and triggers restored").isEqualTo(schemaBefore);

        String reportedAfterFirst = text(bulkDb, "SELECT 'incident_reported_idx'::regclass::oid");

        ImportReport again = importCsv(bulkDb, BULK_FROM, "hostile.csv", hostileCsv());

        assertThat(text(bulkDb, "SELECT 'incident_reported_idx'::regclass::oid")).as("the re-import took the bulk path too")
                .isNotEqualTo(reportedAfterFirst);
        assertThat(List.of(again.inserted(), again.updated(), again.unchanged(), again.rejected())).isEqualTo(List.of(0L, 0L, 122L, 12L));
        assertThat(issues(again)).isEqualTo(issues(bulk));
        assertThat(text(bulkDb, ROWS)).isEqualTo(text(plainDb, ROWS));
        assertThat(rollupDifferences(bulkDb)).isEmpty();
        assertThat(text(bulkDb, SCHEMA)).isEqualTo(schemaBefore);
    }

    @Test
    void a_bulk_import_the_database_refuses_half_way_leaves_rows_counts_indexes_and_triggers_as_they_were() throws Exception {
        try (Database db = TestDatabase.freshDatabase("bulk_refused")) {
            RegionFixture.insert(db.dataSource());
            importCsv(db, BULK_FROM, "first.csv", hostileCsv());
            String schemaBefore = text(db, SCHEMA);
            String rowsBefore = text(db, ROWS);
            String gridRollupsBefore = text(db, "SELECT md5(string_agg(g::text, ',' ORDER BY g::text)) FROM grid_month_incidents g");
            StringBuilder csv = new StringBuilder("source,source_id,kind,category_code,reported_at,status,lon,lat\n");
            for (int i = 0; i < 400; i++) {
                // the last source_id is longer than incident.source_id allows: the INSERT fails after the
                // indexes, keys and triggers were dropped and the grid roll-ups written
                csv.append("grid_worker,R").append(i == 399 ? "9".repeat(80) : Integer.toString(i))
                        .append(",event,0101,2026-07-01 12:00,reported,")
                        .append(RegionFixture.WEST + 0.001 + i * 0.00004).append(',').append(RegionFixture.SOUTH + 0.001).append('\n');
            }

            assertThatThrownBy(() -> importCsv(db, BULK_FROM, "refused.csv", csv.toString()))
                    .isInstanceOf(ImportException.class).hasMessageContaining("nothing was committed");

            assertThat(text(db, ROWS)).isEqualTo(rowsBefore);
            assertThat(text(db, "SELECT md5(string_agg(g::text, ',' ORDER BY g::text)) FROM grid_month_incidents g"))
                    .isEqualTo(gridRollupsBefore);
            assertThat(rollupDifferences(db)).isEmpty();
            assertThat(text(db, SCHEMA)).isEqualTo(schemaBefore);
        }
    }

    /** Roll-up tables of incident counts, each as one ordered text (ids and slots left out). */
    static final String COUNTS = """
            SELECT concat_ws(E'\\n',
              (SELECT string_agg(concat_ws('|', district_code, cell_id, day, category_code, n), ',' ORDER BY cell_id, day, category_code)
               FROM incident_daily),
              (SELECT string_agg(t::text, ',' ORDER BY t::text) FROM incident_cell_year t),
              (SELECT string_agg(t::text, ',' ORDER BY t::text) FROM incident_cell_month t),
              (SELECT string_agg(t::text, ',' ORDER BY t::text) FROM incident_category_month t),
              (SELECT string_agg(t::text, ',' ORDER BY t::text) FROM incident_square_year t),
              (SELECT string_agg(t::text, ',' ORDER BY t::text) FROM incident_square_month t))""";

    /** Unit cells of 0.001° over all but the two eastern columns of the fixture, so some rows count under cell 0. */
    static void insertCells(Database db) throws SQLException {
        try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement()) {
            s.execute("""
                    INSERT INTO unit_cell (id, code, district_code, col, row, size_m, geom)
                    SELECT i * 20 + j + 1, 'C' || i || '_' || j, '630102', i, j, 100,
                           ST_MakeEnvelope(101.80 + i * 0.001, 36.60 + j * 0.001, 101.801 + i * 0.001, 36.601 + j * 0.001, 4326)
                    FROM generate_series(0, 17) i, generate_series(0, 19) j""");
            s.execute("UPDATE unit_cell SET grid_code = gl_grid_of(ST_Centroid(geom))");
        }
    }

    /** {@code rows} incidents with ids {@code prefix}0.., spread over the fixture, five days and two categories. */
    static String spreadCsv(String prefix, int rows, int salt) {
        StringBuilder csv = new StringBuilder("source,source_id,kind,category_code,reported_at,status,lon,lat\n");
        for (int i = 0; i < rows; i++) {
            int k = i * 7919 + salt;
            csv.append("hotline,").append(prefix).append(i).append(",event,").append(k % 3 == 0 ? "0504" : "0101")
                    .append(",2026-03-0").append(1 + k % 5).append(' ').append(k % 2 == 0 ? "23:30" : "08:10").append(",reported,")
                    .append(RegionFixture.WEST + 0.0002 + (k % 97) * 0.0002).append(',')
                    .append(RegionFixture.SOUTH + 0.0002 + (k % 89) * 0.0002).append('\n');
        }
        return csv.toString();
    }

    @Test
    void the_bulk_path_and_the_intake_trigger_add_identical_counts_for_the_same_rows() throws Exception {
        try (Database bulk = TestDatabase.freshDatabase("counts_bulk"); Database trigger = TestDatabase.freshDatabase("counts_trigger")) {
            for (Database db : List.of(bulk, trigger)) {
                RegionFixture.insert(db.dataSource());
                insertCells(db);
            }
            // the first file fills empty tables; the second adds to keys already counted and to new ones,
            // and moves some first-file rows to other days (the UPDATE path), on both databases
            List<String> files = List.of(spreadCsv("P", 300, 0), spreadCsv("P", 150, 1) + spreadCsv("Q", 600, 2).substring(
                    "source,source_id,kind,category_code,reported_at,status,lon,lat\n".length()));
            for (String csv : files) {
                String reportedIndex = text(bulk, "SELECT 'incident_reported_idx'::regclass::oid");
                ImportReport viaBulk = importCsv(bulk, BULK_FROM, "spread.csv", csv);
                ImportReport viaTrigger = importCsv(trigger, Long.MAX_VALUE, "spread.csv", csv);

                assertThat(text(bulk, "SELECT 'incident_reported_idx'::regclass::oid")).as("taken the bulk path")
                        .isNotEqualTo(reportedIndex);
                assertThat(List.of(viaBulk.inserted(), viaBulk.updated(), viaBulk.unchanged(), viaBulk.rejected()))
                        .isEqualTo(List.of(viaTrigger.inserted(), viaTrigger.updated(), viaTrigger.unchanged(), viaTrigger.rejected()));
                assertThat(text(bulk, COUNTS)).as("incident_daily and its roll-ups, bulk path vs intake trigger")
                        .isEqualTo(text(trigger, COUNTS));
                // the grid roll-ups (V33) are not written by gl_incident_counts_add and number their keys in the
                // order they first appear, so they are compared with a recount instead
                assertThat(rollupDifferences(bulk)).isEmpty();
                assertThat(rollupDifferences(trigger)).isEmpty();
            }
            assertThat(text(bulk, "SELECT count(*) > 0 FROM incident_daily WHERE cell_id = 0")).as("rows outside every cell").isEqualTo("t");
            assertThat(text(bulk, "SELECT count(*) > 1 FROM incident_square_month")).as("square roll-ups written").isEqualTo("t");
            assertThat(text(bulk, "SELECT max(n) > 1 FROM incident_daily")).as("keys counted more than once").isEqualTo("t");
            assertThat(text(bulk, "SELECT count(*) FROM incident")).isEqualTo("900");
        }
    }
}
