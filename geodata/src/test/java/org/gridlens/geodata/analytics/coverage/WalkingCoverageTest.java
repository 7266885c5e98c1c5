package org.gridlens.geodata.analytics.coverage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import org.gridlens.geodata.analytics.stats.SuppressionPolicy;
import org.gridlens.geodata.testing.FreshDatabase;
import org.gridlens.geodata.testing.RegionFixture;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Walking-network reach on a river fixture built in code, where walking is provably longer than the
 * straight line. In grid 003 a river runs west-east between two streets (36.6040 and 36.6060 N, from
 * 101.801 to 101.809 E) joined by one bridge at the far west (101.801 E). A community service station
 * stands on the north street at 101.805 E. Building S (20 residents) lies across the river, 222 m
 * away in a straight line but ~940 m on foot (357 m west, 222 m over the bridge, 357 m back east);
 * building N (30 residents) lies on the same bank, ~160 m on foot.
 */
class WalkingCoverageTest {

    static final String GRID = "630102001001003";
    @RegisterExtension
    static final FreshDatabase db = FreshDatabase.named("walkingcoverage").seededWith(RegionFixture::insert);
    static CoverageCalculator straight;
    static CoverageCalculator walking;

    @BeforeAll
    static void load() throws Exception {
        try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement()) {
            s.execute("""
                    INSERT INTO facility (code, district_code, type, name, geom) VALUES
                      ('F', '630102', 'community_service', '北岸服务站', ST_SetSRID(ST_MakePoint(101.805, 36.6060), 4326))
                    """);
            s.execute("""
                    INSERT INTO building (id, code, district_code, grid_code, use, floors, height_m, base_elev_m, geom) VALUES
                      (1, 'S', '630102', '630102001001003', 'residential', 6, 18, 2230,
                       ST_Multi(ST_Buffer(ST_SetSRID(ST_MakePoint(101.805, 36.6040), 4326), 0.00005, 'quad_segs=1'))),
                      (2, 'N', '630102', '630102001001003', 'residential', 6, 18, 2230,
                       ST_Multi(ST_Buffer(ST_SetSRID(ST_MakePoint(101.8065, 36.6062), 4326), 0.00005, 'quad_segs=1')))
                    """);
            s.execute("""
                    INSERT INTO housing_unit (id, code, district_code, building_id, floor, unit_no, area_m2, use) VALUES
                      (1, 'HS', '630102', 1, 1, '101', 80, 'residential'), (2, 'HN', '630102', 2, 1, '101', 80, 'residential')
                    """);
            s.execute("""
                    INSERT INTO resident (pid, district_code, housing_unit_id, birth_year, sex, registration)
                    SELECT 'S' || i, '630102', 1, 1980, 'F', 'registered' FROM generate_series(1, 20) i
                    UNION ALL
                    SELECT 'N' || i, '630102', 2, 1980, 'M', 'registered' FROM generate_series(1, 30) i
                    """);
        }
        straight = new CoverageCalculator(db.dataSource(), SuppressionPolicy.DEFAULT);
        walking = CoverageCalculator.walking(db.dataSource(), SuppressionPolicy.DEFAULT);
    }

    static void roads() throws Exception {
        try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement()) {
            s.execute("""
                    INSERT INTO road (code, district_code, name, geom) VALUES
                      ('NORTH', '630102', '北滨河路', ST_SetSRID(ST_MakeLine(ST_MakePoint(101.801, 36.6060), ST_MakePoint(101.809, 36.6060)), 4326)),
                      ('SOUTH', '630102', '南滨河路', ST_SetSRID(ST_MakeLine(ST_MakePoint(101.801, 36.6040), ST_MakePoint(101.809, 36.6040)), 4326)),
                      ('BRIDGE', '630102', '西桥', ST_SetSRID(ST_MakeLine(ST_MakePoint(101.801, 36.6040), ST_MakePoint(101.801, 36.6060)), 4326))
                    """);
        }
    }

    static GridCoverage grid(CoverageReport r) {
        return r.grids().stream().filter(g -> g.gridCode().equals(GRID)).findFirst().orElseThrow();
    }

    static CoverageRequest req(double reach, Double lon, Double lat) {
        return new CoverageRequest(FacilityType.COMMUNITY_SERVICE, reach, PopulationGroup.ALL, lon, lat, 2026);
    }

    static double q(String sql) throws Exception {
        try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getDouble(1);
        }
    }

    @Test
    void walking_reach_across_a_river_without_a_near_bridge_is_shorter_than_straight_line_reach() throws Exception {
        WalkingNetwork network = new WalkingNetwork(db.dataSource());
        if (q("SELECT count(*) FROM road") == 0) {
            assertThat(network.unavailableReason()).hasValueSatisfying(r -> assertThat(r).contains("no road layer"));
            roads();
        }
        assertThat(network.unavailableReason()).as("pgRouting (Debian package postgresql-15-pgrouting) and roads").isEmpty();

        CoverageReport line = straight.compute(req(300, null, null), true);
        assertThat(grid(line).covered()).as("straight line: both buildings within 300 m").isEqualTo(50);
        assertThat(line.method()).isEqualTo("straight-line");

        CoverageReport walk = walking.compute(req(300, null, null), true);
        assertThat(walk.method()).isEqualTo("walking-network");
        assertThat(grid(walk).groupSize()).isEqualTo(50);
        assertThat(grid(walk).covered()).as("on foot only the same bank is within 300 m").isEqualTo(30);

        assertThat(grid(walking.compute(req(900, null, null), true)).covered()).as("the bridge detour is ~940 m").isEqualTo(30);
        assertThat(grid(walking.compute(req(1000, null, null), true)).covered()).isEqualTo(50);
    }

    @Test
    void a_proposed_facility_on_the_south_bank_covers_the_building_across_the_river() throws Exception {
        if (q("SELECT count(*) FROM road") == 0) {
            roads();
        }
        CoverageReport r = walking.compute(req(300, 101.805, 36.6039), true);
        assertThat(grid(r).coveredDelta()).isEqualTo(20);
        assertThat(r.districtCoveredDelta()).isEqualTo(20);
    }

    @Test
    void the_network_is_noded_at_crossings_and_cut_into_pieces_of_at_most_25_m() throws Exception {
        if (q("SELECT count(*) FROM road") == 0) {
            roads();
        }
        assertThat(q("SELECT max(cost) FROM road_edge")).isLessThanOrEqualTo(25.0 + 1e-6);
        double roads = q("SELECT sum(ST_Length(ST_Transform(geom, 4543))) FROM road");
        assertThat(q("SELECT sum(cost) FROM road_edge")).isCloseTo(roads, within(0.01));
        // The bridge's ends are shared vertices of the streets: one connected network.
        assertThat(q("SELECT count(*) FROM pgr_connectedComponents('SELECT id, source, target, cost, cost AS reverse_cost FROM road_edge')"
                + " GROUP BY component ORDER BY 1 DESC LIMIT 1")).isEqualTo(q("SELECT count(*) FROM road_vertex"));
    }
}
