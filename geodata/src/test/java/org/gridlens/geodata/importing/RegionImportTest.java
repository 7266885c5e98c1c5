package org.gridlens.geodata.importing;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.gridlens.geodata.testing.FreshDatabase;
import org.gridlens.geodata.testing.RegionFixture;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Region re-imports keep every join current and the per-(cell, day, category) counts exact. */
class RegionImportTest {

    @RegisterExtension
    static final FreshDatabase db = FreshDatabase.named("regions").seededWith(RegionFixture::insert);
    /** Stateless: one per test instance, over the class's database. */
    final LayerImporter importer = new LayerImporter(db.dataSource(), ImportLimits.DEFAULTS);
    @TempDir
    Path dir;

    @BeforeAll
    static void setUp() throws Exception {
        db.execute("""
                INSERT INTO unit_cell (id, code, district_code, col, row, size_m, geom)
                SELECT i * 10 + j + 1, 'C' || i || j, '630102', i, j, 450,
                       ST_MakeEnvelope(101.80 + i * 0.005, 36.60 + j * 0.005, 101.805 + i * 0.005, 36.605 + j * 0.005, 4326)
                FROM generate_series(0, 3) i, generate_series(0, 3) j""");
        db.execute("""
                INSERT INTO incident (district_code, source, source_id, kind, category_code, reported_at, status, geom)
                SELECT '630102', 'hotline', 'P' || g, 'event', '0101', timestamptz '2026-05-01 00:00+08' + g * interval '7 hours',
                       'reported', ST_SetSRID(ST_MakePoint(101.8005 + (g % 40) * 0.0005, 36.6005 + (g / 40) * 0.0005), 4326)
                FROM generate_series(0, 1599) g""");
    }

    static String grid(String code, double w, double s, double e, double n) {
        return """
                {"type":"Feature","properties":{"code":"%s","level":"grid","parent_code":"630102001001","name":"网格%s"},
                 "geometry":{"type":"Polygon","coordinates":[[[%s,%s],[%s,%s],[%s,%s],[%s,%s],[%s,%s]]]}}"""
                .formatted(code, code.substring(12), w, s, e, s, e, n, w, n, w, s);
    }

    Path file(String name, String... features) throws Exception {
        Path f = dir.resolve(name);
        Files.writeString(f, "{\"type\":\"FeatureCollection\",\"features\":[" + String.join(",", features) + "]}");
        return f;
    }

    @Test
    void moving_a_grid_border_reassigns_incidents_buildings_and_cells_and_keeps_daily_counts_exact() throws Exception {
        long inWestBefore = db.count("SELECT count(*) FROM incident WHERE grid_code IN ('630102001001001', '630102001001003')");
        // move the west/east border from 101.81 to 101.812 in both rows of grids
        Path f = file("grids.geojson",
                grid("630102001001001", 101.80, 36.61, 101.812, 36.62), grid("630102001001002", 101.812, 36.61, 101.82, 36.62),
                grid("630102001001003", 101.80, 36.60, 101.812, 36.61), grid("630102001001004", 101.812, 36.60, 101.82, 36.61));

        ImportReport r = importer.importFile(ImportLayer.REGIONS, f, "grids.geojson", SourceMapping.NONE, Optional.empty());

        assertThat(r.updated()).isEqualTo(4);
        assertThat(r.issues()).as("the new grids still tile the community").isEmpty();
        long moved = db.count("SELECT count(*) FROM incident WHERE ST_X(geom) >= 101.81 AND ST_X(geom) < 101.812");
        assertThat(moved).isPositive();
        assertThat(r.reassigned().get("incidents")).isEqualTo(moved);
        assertThat(db.count("SELECT count(*) FROM incident WHERE grid_code IN ('630102001001001', '630102001001003')"))
                .isEqualTo(inWestBefore + moved);
        assertThat(db.count("SELECT count(*) FROM incident WHERE grid_code IS DISTINCT FROM gl_grid_of(geom)")).isZero();
        assertThat(db.count("SELECT count(*) FROM unit_cell WHERE grid_code IS DISTINCT FROM gl_grid_of(ST_Centroid(geom))")).isZero();
        LayerImporterTest.assertDailyCountsExact(db);

        ImportReport again = importer.importFile(ImportLayer.REGIONS, f, "grids.geojson", SourceMapping.NONE, Optional.empty());
        assertThat(again.unchanged()).isEqualTo(4);
        assertThat(again.reassigned()).isEmpty();
    }

    @Test
    void grids_with_a_gap_and_an_overlap_are_reported_with_their_locations() throws Exception {
        Path f = file("bad-grids.geojson",
                grid("630102001001001", 101.80, 36.61, 101.81, 36.62), grid("630102001001002", 101.809, 36.61, 101.82, 36.62),
                grid("630102001001003", 101.80, 36.60, 101.81, 36.609), grid("630102001001004", 101.81, 36.60, 101.82, 36.61));

        ImportReport r = importer.importFile(ImportLayer.REGIONS, f, "bad-grids.geojson", SourceMapping.NONE, Optional.empty());

        assertThat(r.issues()).extracting(ImportIssue::reason).anyMatch(s -> s.contains("630102001001001 and 630102001001002 overlap"))
                .anyMatch(s -> s.contains("a gap of") && s.contains("community 630102001001"));
        assertThat(r.issues()).allMatch(i -> i.outcome() == ImportIssue.Outcome.WARNING && i.value().startsWith("POINT("));
    }
}
