package org.gridlens.geodata.analytics.workload;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.List;
import javax.sql.DataSource;
import org.gridlens.geodata.analytics.TimeWindow;
import org.gridlens.geodata.analytics.stats.GridStatisticsCalculator;
import org.gridlens.geodata.analytics.stats.SuppressionPolicy;
import org.gridlens.geodata.analytics.SmallDemo;
import org.junit.jupiter.api.Test;

/** The demo district's staffing (grid_staffing.sql) follows its stated rule and feeds the workload figures. */
class DemoStaffingTest {

    static long q(DataSource ds, String sql) throws Exception {
        try (Connection c = ds.getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    @Test
    void every_demo_grid_has_workers_by_the_rule_and_a_supervisor_per_community() throws Exception {
        DataSource ds = SmallDemo.database().dataSource();
        assertThat(q(ds, "SELECT count(*) FROM region g WHERE g.level = 'grid' AND NOT EXISTS "
                + "(SELECT 1 FROM grid_worker w WHERE w.grid_code = g.code AND w.role = 'grid_worker')")).isZero();
        assertThat(q(ds, "SELECT count(DISTINCT worker_id) FROM grid_worker WHERE role = 'supervisor'"))
                .isEqualTo(q(ds, "SELECT count(*) FROM region WHERE level = 'community'"));
        // Full-time workers per grid = 1 + residents / 1500 (integer division).
        assertThat(q(ds, """
                SELECT count(*) FROM (
                  SELECT g.code, count(r.id) AS n FROM region g LEFT JOIN building b ON b.grid_code = g.code
                  LEFT JOIN housing_unit h ON h.building_id = b.id LEFT JOIN resident r ON r.housing_unit_id = h.id
                  WHERE g.level = 'grid' GROUP BY g.code) p
                WHERE 1 + p.n / 1500 <> (SELECT count(*) FROM grid_worker w WHERE w.grid_code = p.code AND w.role = 'grid_worker')
                """)).isZero();
        List<GridWorkload> load = new WorkloadCalculator(ds, new GridStatisticsCalculator(ds, SuppressionPolicy.DEFAULT))
                .compute(new TimeWindow(LocalDate.of(2025, 11, 1), LocalDate.of(2026, 11, 1)), false);
        assertThat(load).isNotEmpty().allSatisfy(g -> {
            assertThat(g.staffing()).isEqualTo(GridWorkload.STAFFED);
            assertThat(g.incidentsPerWorker()).isNotNull().isFinite();
        });
    }
}
