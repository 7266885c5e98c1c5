package org.gridlens.geodata.analytics.coverage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import javax.sql.DataSource;
import org.gridlens.geodata.analytics.SmallDemo;
import org.gridlens.geodata.analytics.stats.SuppressionPolicy;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class CoverageCalculatorTest {

    private static DataSource ds;
    private static CoverageCalculator calc;

    @BeforeAll
    static void load() {
        ds = SmallDemo.database().dataSource();
        calc = new CoverageCalculator(ds, SuppressionPolicy.DEFAULT);
    }

    private static long q(String sql) throws Exception {
        try (Connection c = ds.getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static CoverageRequest req(FacilityType t, double reach, PopulationGroup g) {
        return new CoverageRequest(t, reach, g, null, null, 2026);
    }

    @Test
    void coveredCountsAgreeWithAnIndependentDistanceQuery() throws Exception {
        CoverageReport r = calc.compute(req(FacilityType.PRIMARY_SCHOOL, 500, PopulationGroup.CHILDREN_PRIMARY), true);
        assertThat(r.method()).isEqualTo("straight-line");
        long expected = q("""
                SELECT count(*) FROM resident r JOIN housing_unit h ON h.id = r.housing_unit_id
                JOIN building b ON b.id = h.building_id
                WHERE b.grid_code IS NOT NULL AND 2026 - r.birth_year BETWEEN 6 AND 11
                  AND (SELECT min(ST_Distance(ST_Transform(f.geom, 4543), ST_Centroid(ST_Transform(b.geom, 4543))))
                       FROM facility f WHERE f.type = 'primary_school') <= 500""");
        assertThat(r.districtCovered()).isEqualTo(expected);
        assertThat(r.districtGroupSize()).isGreaterThan(r.districtCovered());
        assertThat(r.grids()).hasSize((int) q("SELECT count(*) FROM region WHERE level = 'grid'"));
        assertThat(r.grids().stream().mapToLong(GridCoverage::covered).sum()).isEqualTo(expected);
    }

    @Test
    void gridsAreRankedWorstFirstAndWiderReachCoversMore() {
        CoverageReport near = calc.compute(req(FacilityType.COMMUNITY_HEALTH, 300, PopulationGroup.ELDERLY), true);
        CoverageReport far = calc.compute(req(FacilityType.COMMUNITY_HEALTH, 1000, PopulationGroup.ELDERLY), true);
        assertThat(far.districtCovered()).isGreaterThan(near.districtCovered());
        List<Double> shares = near.grids().stream().map(GridCoverage::share).filter(s -> s != null).toList();
        assertThat(shares).isSorted();
        assertThat(near.grids().get(0).share()).isLessThan(near.grids().get(near.grids().size() - 1 - countNull(near)).share());
    }

    private static int countNull(CoverageReport r) {
        return (int) r.grids().stream().filter(g -> g.share() == null).count();
    }

    @Test
    void aProposedFacilityAtTheWorstCoveredBuildingCoversItsResidents() throws Exception {
        CoverageRequest base = req(FacilityType.ELDERLY_DAY_CARE, 300, PopulationGroup.ELDERLY);
        List<UncoveredBuilding> uncovered = calc.uncovered(base, true);
        assertThat(uncovered).isNotEmpty();
        UncoveredBuilding b = uncovered.stream().max((x, y) -> Long.compare(x.people(), y.people())).orElseThrow();
        double lon;
        double lat;
        try (Connection c = ds.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT ST_X(ST_Centroid(geom)), ST_Y(ST_Centroid(geom)) FROM building WHERE code = '"
                     + b.code().replace("'", "''") + "'")) {
            rs.next();
            lon = rs.getDouble(1);
            lat = rs.getDouble(2);
        }
        CoverageReport whatIf = calc.compute(new CoverageRequest(base.type(), 300, base.group(), lon, lat, 2026), true);
        assertThat(whatIf.districtCoveredDelta()).isGreaterThanOrEqualTo(b.people());
        assertThat(whatIf.grids().stream().filter(g -> g.coveredDelta() != null).mapToLong(GridCoverage::coveredDelta).sum())
                .isEqualTo(whatIf.districtCoveredDelta());
        assertThat(calc.uncovered(base, false)).allMatch(u -> u.people() == null);
    }

    @Test
    void withoutPersonLevelAccessNoSmallCountOrShareOfOneIsPublished() {
        CoverageReport r = calc.compute(new CoverageRequest(FacilityType.COMMUNITY_HEALTH, 500, PopulationGroup.ELDERLY_ALONE,
                101.8, 36.6, 2026), false);
        long withheld = 0;
        for (GridCoverage g : r.grids()) {
            for (Long v : new Long[] {g.groupSize(), g.covered(), g.coveredDelta()}) {
                if (v == null) {
                    withheld++;
                } else {
                    assertThat(v == 0 || v >= 10).as(g.gridCode() + " " + v).isTrue();
                }
            }
            if (g.groupSize() != null && g.covered() != null) {
                assertThat(g.groupSize() - g.covered() == 0 || g.groupSize() - g.covered() >= 10).isTrue();
            }
        }
        assertThat(withheld).isPositive();
    }

    @Test
    void allGridsAreComputedQuickly() {
        CoverageRequest r = req(FacilityType.COMMUNITY_HEALTH, 1000, PopulationGroup.ALL);
        calc.compute(r, false);
        long best = Long.MAX_VALUE;
        for (int i = 0; i < 3; i++) {
            long t0 = System.nanoTime();
            calc.compute(r, false);
            best = Math.min(best, System.nanoTime() - t0);
        }
        System.out.printf("small demo coverage, all grids: best of 3 = %d ms%n", best / 1_000_000);
        assertThat(best / 1_000_000).isLessThan(2000);
    }

    @Test
    void badRequestsAreRefused() {
        assertThatThrownBy(() -> req(FacilityType.MARKET, 0, PopulationGroup.ALL)).hasMessageContaining("reach");
        assertThatThrownBy(() -> req(FacilityType.MARKET, 100_000, PopulationGroup.ALL)).hasMessageContaining("reach");
        assertThatThrownBy(() -> req(FacilityType.MARKET, Double.NaN, PopulationGroup.ALL)).hasMessageContaining("reach");
        assertThatThrownBy(() -> FacilityType.parse("casino")).hasMessageContaining("unknown facility type");
        assertThatThrownBy(() -> PopulationGroup.parse("r.disabled OR true")).hasMessageContaining("unknown population group");
        assertThatThrownBy(() -> new CoverageRequest(FacilityType.MARKET, 300, PopulationGroup.ALL, 0.0, 0.0, 2026))
                .hasMessageContaining("Xining");
        assertThatThrownBy(() -> new CoverageRequest(FacilityType.MARKET, 300, PopulationGroup.ALL, 101.8, null, 2026))
                .hasMessageContaining("both");
    }
}
