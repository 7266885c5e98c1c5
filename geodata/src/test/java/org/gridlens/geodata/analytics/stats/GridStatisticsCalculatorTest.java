package org.gridlens.geodata.analytics.stats;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.gridlens.geodata.analytics.SmallDemo;
import org.gridlens.geodata.analytics.TimeWindow;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class GridStatisticsCalculatorTest {

    private static final TimeWindow YEAR = new TimeWindow(LocalDate.of(2025, 11, 1), LocalDate.of(2026, 11, 1));
    private static DataSource ds;

    @BeforeAll
    static void load() {
        ds = SmallDemo.database().dataSource();
    }

    private static long q(String sql) throws Exception {
        try (Connection c = ds.getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    @Test
    void everyLevelIsTheExactSumOfItsChildrenAndMatchesTheDatabase() throws Exception {
        List<RegionStatistics> all = new GridStatisticsCalculator(ds, SuppressionPolicy.DEFAULT).compute(YEAR, true);
        RegionStatistics district = all.get(0);
        assertThat(district.level()).isEqualTo("district");
        assertThat(district.people().get("residents")).isEqualTo(q("""
                SELECT count(*) FROM resident r JOIN housing_unit h ON h.id = r.housing_unit_id
                JOIN building b ON b.id = h.building_id WHERE b.grid_code IS NOT NULL"""));
        assertThat(district.incidents()).isEqualTo(q("""
                SELECT count(*) FROM incident WHERE grid_code IS NOT NULL
                  AND reported_at >= '2025-11-01 00:00+08' AND reported_at < '2026-11-01 00:00+08'"""));
        assertThat(district.incidents()).isPositive();
        Map<String, List<RegionStatistics>> byParent = all.stream().filter(r -> r.parentCode() != null)
                .collect(Collectors.groupingBy(RegionStatistics::parentCode));
        for (RegionStatistics parent : all) {
            List<RegionStatistics> kids = byParent.get(parent.code());
            if (kids == null) {
                continue;
            }
            for (String m : parent.people().keySet()) {
                assertThat(kids.stream().mapToLong(k -> k.people().get(m)).sum()).as(parent.code() + " " + m)
                        .isEqualTo(parent.people().get(m));
            }
            assertThat(kids.stream().mapToLong(RegionStatistics::incidents).sum()).isEqualTo(parent.incidents());
            assertThat(kids.stream().mapToLong(k -> k.kpis().overdueOpen()).sum()).isEqualTo(parent.kpis().overdueOpen());
        }
        Map<String, Long> p = district.people();
        assertThat(p.get("age_0_14") + p.get("age_15_64") + p.get("age_65_plus")).isEqualTo(p.get("residents"));
        assertThat(p.get("registered") + p.get("floating")).isEqualTo(p.get("residents"));
    }

    @Test
    void kpisAreRatesBetweenZeroAndOneWithTheirDefinitions() throws Exception {
        RegionStatistics d = new GridStatisticsCalculator(ds, SuppressionPolicy.DEFAULT).compute(YEAR, true).get(0);
        CaseKpis k = d.kpis();
        assertThat(k.registered()).isPositive();
        assertThat(k.closureRate()).isBetween(0.5, 1.0);
        assertThat(k.onTimeRate()).isBetween(0.0, 1.0);
        assertThat(k.reworkRate()).isBetween(0.0, 0.2);
        assertThat(k.avgHandlingHours()).isPositive();
        assertThat(k.due()).isEqualTo(q("""
                SELECT count(*) FROM incident WHERE grid_code IS NOT NULL
                  AND deadline >= '2025-11-01 00:00+08' AND deadline < '2026-11-01 00:00+08'"""));
        System.out.printf("small district KPIs 2025-11..2026-10: %s%n", k);
    }

    @Test
    void withoutPersonLevelAccessNoSmallCountIsPublished() {
        SuppressionPolicy policy = SuppressionPolicy.DEFAULT;
        List<RegionStatistics> all = new GridStatisticsCalculator(ds, policy).compute(YEAR, false);
        int withheld = 0;
        for (RegionStatistics r : all) {
            for (PeopleMeasure m : PeopleMeasure.values()) {
                Long v = r.people().get(m.label());
                if (v == null) {
                    withheld++;
                } else {
                    assertThat(v == 0 || v >= policy.threshold(m)).as(r.code() + " " + m).isTrue();
                }
            }
            if (r.people().get("residents") == null) {
                assertThat(r.densityPerKm2()).isNull();
                assertThat(r.incidentsPer1000()).isNull();
            }
        }
        assertThat(withheld).as("the small demo has small vulnerable counts per grid").isPositive();
    }

    @Test
    void wholeDistrictStatisticsAreFast() {
        GridStatisticsCalculator calc = new GridStatisticsCalculator(ds, SuppressionPolicy.DEFAULT);
        calc.compute(YEAR, false);
        long best = Long.MAX_VALUE;
        for (int i = 0; i < 5; i++) {
            long t0 = System.nanoTime();
            calc.compute(YEAR, false);
            best = Math.min(best, System.nanoTime() - t0);
        }
        System.out.printf("small district statistics (all levels, suppressed): best of 5 = %d ms%n", best / 1_000_000);
        assertThat(best / 1_000_000).isLessThan(2000);
    }
}
