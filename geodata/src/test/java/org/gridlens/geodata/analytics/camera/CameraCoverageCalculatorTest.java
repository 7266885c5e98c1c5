package org.gridlens.geodata.analytics.camera;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.gridlens.geodata.testing.FreshDatabase;
import org.gridlens.geodata.testing.RegionFixture;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Camera coverage on the 2 x 2 grid fixture, against areas and lengths worked out by hand: a 360° camera of
 * range r draws a regular 16-gon (gl_view_sector: 17 arc points), area 8 r² sin 22.5°; a road through its
 * centre along a vertex direction is seen for exactly 2 r.
 */
class CameraCoverageCalculatorTest {

    static final double R = 100;
    static final double SIXTEEN_GON = 8 * R * R * Math.sin(Math.toRadians(22.5));
    @RegisterExtension
    static final FreshDatabase db = FreshDatabase.named("cameracoverage").seededWith(RegionFixture::insert);
    static CameraCoverageCalculator calc;

    @BeforeAll
    static void load() throws Exception {
        try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement()) {
            // A and B: the same 360° camera at the centre of grid 003 (SW), counted once.
            // C: a 360° camera on the corner shared by all four grids (a quarter in each).
            // D: a narrow camera outside the district (reaches no grid).
            s.execute("""
                    INSERT INTO camera (code, district_code, heading_deg, fov_deg, range_m, geom) VALUES
                      ('A', '630102', 0, 360, 100, ST_SetSRID(ST_MakePoint(101.805, 36.605), 4326)),
                      ('B', '630102', 0, 360, 100, ST_SetSRID(ST_MakePoint(101.805, 36.605), 4326)),
                      ('C', '630102', 0, 360, 100, ST_SetSRID(ST_MakePoint(101.810, 36.610), 4326)),
                      ('D', '630102', 90, 30, 100, ST_SetSRID(ST_MakePoint(101.700, 36.500), 4326))
                    """);
            // One west-east road across grid 003 through camera A (vertex directions 90° and 270°).
            s.execute("""
                    INSERT INTO road (code, district_code, name, geom) VALUES
                      ('R1', '630102', '东关大街', ST_SetSRID(ST_MakeLine(ST_MakePoint(101.8002, 36.605), ST_MakePoint(101.8098, 36.605)), 4326))
                    """);
        }
        calc = new CameraCoverageCalculator(db.dataSource());
    }

    static double sql(String q) throws Exception {
        try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(q)) {
            rs.next();
            return rs.getDouble(1);
        }
    }

    static Map<String, GridCameraCoverage> byCode(CameraCoverageReport r) {
        return r.grids().stream().collect(Collectors.toMap(GridCameraCoverage::gridCode, Function.identity()));
    }

    @Test
    void seen_area_is_the_union_of_sectors_clipped_to_each_grid() throws Exception {
        Map<String, GridCameraCoverage> g = byCode(calc.compute(""));
        assertThat(g).hasSize(4);
        GridCameraCoverage sw = g.get("630102001001003");
        assertThat(sw.cameras()).isEqualTo(3);
        assertThat(sw.seenM2()).isCloseTo(SIXTEEN_GON * 1.25, within(SIXTEEN_GON * 0.005));
        for (String other : List.of("630102001001001", "630102001001002", "630102001001004")) {
            assertThat(g.get(other).cameras()).isEqualTo(1);
            assertThat(g.get(other).seenM2()).as(other).isCloseTo(SIXTEEN_GON / 4, within(SIXTEEN_GON * 0.005));
        }
        double gridArea = sql("SELECT ST_Area(ST_Transform(geom, 4543)) FROM region WHERE code = '630102001001003'");
        assertThat(sw.areaM2()).isCloseTo(gridArea, within(1e-6));
        assertThat(sw.areaShare()).isCloseTo(sw.seenM2() / gridArea, within(1e-12));
    }

    @Test
    void road_share_counts_road_length_inside_sectors_and_is_absent_without_roads() throws Exception {
        CameraCoverageReport r = calc.compute("");
        Map<String, GridCameraCoverage> g = byCode(r);
        GridCameraCoverage sw = g.get("630102001001003");
        double roadLength = sql("SELECT ST_Length(ST_Transform(geom, 4543)) FROM road");
        assertThat(sw.roadM()).isCloseTo(roadLength, within(0.01));
        assertThat(sw.roadSeenM()).isCloseTo(2 * R, within(0.5));
        assertThat(sw.roadShare()).isCloseTo(sw.roadSeenM() / sw.roadM(), within(1e-12));
        assertThat(g.get("630102001001002").roadShare()).isNull();
        assertThat(g.get("630102001001002").roadM()).isZero();
        assertThat(r.roadsPresent()).isTrue();
        assertThat(r.roadShare()).isCloseTo(sw.roadSeenM() / roadLength, within(1e-9));
    }

    @Test
    void grids_are_ranked_worst_first_and_the_district_adds_up() {
        CameraCoverageReport r = calc.compute("");
        assertThat(r.grids()).extracting(GridCameraCoverage::areaShare).isSortedAccordingTo(Double::compare);
        assertThat(r.grids().get(r.grids().size() - 1).gridCode()).isEqualTo("630102001001003");
        assertThat(r.seenM2()).isCloseTo(SIXTEEN_GON * 2, within(SIXTEEN_GON * 0.01));
        assertThat(r.areaShare()).isCloseTo(r.seenM2() / r.areaM2(), within(1e-12));
    }

    @Test
    void blind_spots_are_each_grid_minus_the_sectors() throws Exception {
        List<BlindSpot> blind = calc.blindSpots("");
        assertThat(blind).hasSize(4);
        BlindSpot sw = blind.stream().filter(b -> b.gridCode().equals("630102001001003")).findFirst().orElseThrow();
        GridCameraCoverage cov = byCode(calc.compute("")).get("630102001001003");
        assertThat(sw.blindM2()).isCloseTo(cov.areaM2() - cov.seenM2(), within(1.0));
        String g = "ST_SetSRID(ST_GeomFromGeoJSON('" + sw.geoJson() + "'), 4326)";
        assertThat(sql("SELECT ST_Intersects(" + g + ", ST_SetSRID(ST_MakePoint(101.805, 36.605), 4326))::int")).isZero();
        assertThat(sql("SELECT ST_Intersects(" + g + ", ST_SetSRID(ST_MakePoint(101.801, 36.601), 4326))::int")).isOne();
        // GeoJSON keeps 7 decimals (~1 cm), which moves the area by a few m² over a 4 km outline.
        assertThat(sql("SELECT abs(ST_Area(ST_Transform(" + g + ", 4543)) - " + sw.blindM2() + ")")).isLessThan(sw.blindM2() * 1e-5);
    }

    @Test
    void a_prefix_selects_grids_and_hostile_prefixes_are_refused() {
        assertThat(calc.compute("630102001001004").grids()).extracting(GridCameraCoverage::gridCode).containsExactly("630102001001004");
        assertThat(calc.compute("999").grids()).isEmpty();
        assertThat(calc.compute("999").areaShare()).isNull();
        for (String hostile : new String[] {"'; DROP TABLE camera; --", "6301020010010011", "%", "63 01", null}) {
            assertThatThrownBy(() -> calc.compute(hostile)).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void materialising_writes_one_row_per_grid_with_the_same_shares() throws Exception {
        try (Connection c = db.dataSource().getConnection()) {
            c.setAutoCommit(false);
            assertThat(calc.materialise(c)).isEqualTo(4);
            c.commit();
        }
        GridCameraCoverage sw = byCode(calc.compute("")).get("630102001001003");
        assertThat(sql("SELECT area_share FROM analytic_camera_grid WHERE grid_code = '630102001001003'"))
                .isCloseTo(sw.areaShare(), within(1e-12));
        assertThat(sql("SELECT count(*) FROM analytic_camera_grid WHERE road_share IS NULL")).isEqualTo(3);
    }
}
