package org.gridlens.geodata.analytics.workload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.List;
import org.gridlens.geodata.analytics.TimeWindow;
import org.gridlens.geodata.analytics.stats.GridStatisticsCalculator;
import org.gridlens.geodata.analytics.stats.SuppressionPolicy;
import org.gridlens.geodata.testing.FreshDatabase;
import org.gridlens.geodata.testing.RegionFixture;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Workers' load on the 2 x 2 grid fixture: grid 003 has 12 residents, 6 incidents, two full-time and one
 * part-time worker and a supervisor; grid 001 has 20 residents, 3 incidents and one worker; grid 002 has 3
 * residents (withheld) and no staff; grid 004 has 8 residents (withheld as the complement) and no staff.
 */
class WorkloadCalculatorTest {

    @RegisterExtension
    static final FreshDatabase db = FreshDatabase.named("workload").seededWith(RegionFixture::insert);
    static WorkloadCalculator calc;
    static final TimeWindow WINDOW = new TimeWindow(LocalDate.of(2026, 1, 1), LocalDate.of(2026, 2, 1));

    @BeforeAll
    static void load() throws Exception {
        try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement()) {
            s.execute("""
                    INSERT INTO building (id, code, district_code, grid_code, use, floors, height_m, base_elev_m, geom) VALUES
                      (1, 'B3', '630102', '630102001001003', 'residential', 6, 18, 2230,
                       ST_Multi(ST_MakeEnvelope(101.8040, 36.6040, 101.8045, 36.6045, 4326))),
                      (2, 'B2', '630102', '630102001001002', 'residential', 2, 6, 2230,
                       ST_Multi(ST_MakeEnvelope(101.8150, 36.6150, 101.8152, 36.6152, 4326))),
                      (3, 'B1', '630102', '630102001001001', 'residential', 6, 18, 2230,
                       ST_Multi(ST_MakeEnvelope(101.8040, 36.6140, 101.8045, 36.6145, 4326))),
                      (4, 'B4', '630102', '630102001001004', 'residential', 3, 9, 2230,
                       ST_Multi(ST_MakeEnvelope(101.8140, 36.6040, 101.8145, 36.6045, 4326)))
                    """);
            s.execute("""
                    INSERT INTO housing_unit (id, code, district_code, building_id, floor, unit_no, area_m2, use) VALUES
                      (1, 'H3', '630102', 1, 1, '101', 80, 'residential'), (2, 'H2', '630102', 2, 1, '1', 40, 'residential'),
                      (3, 'H1', '630102', 3, 1, '101', 80, 'residential'), (4, 'H4', '630102', 4, 1, '101', 80, 'residential')
                    """);
            s.execute("""
                    INSERT INTO resident (pid, district_code, housing_unit_id, birth_year, sex, registration)
                    SELECT 'R' || i, '630102', 1, 1970, 'F', 'registered' FROM generate_series(1, 12) i
                    UNION ALL SELECT 'Q' || i, '630102', 2, 1980, 'M', 'floating' FROM generate_series(1, 3) i
                    UNION ALL SELECT 'P' || i, '630102', 3, 1990, 'M', 'registered' FROM generate_series(1, 20) i
                    UNION ALL SELECT 'T' || i, '630102', 4, 1960, 'F', 'registered' FROM generate_series(1, 8) i
                    """);
            s.execute("""
                    INSERT INTO incident (district_code, source, source_id, kind, category_code, reported_at, status, geom)
                    SELECT '630102', 'hotline', 'S' || i, 'event', '0101', timestamptz '2026-01-10 10:00+08', 'reported',
                           CASE WHEN i <= 6 THEN ST_SetSRID(ST_MakePoint(101.805, 36.605), 4326)
                                ELSE ST_SetSRID(ST_MakePoint(101.805, 36.615), 4326) END
                    FROM generate_series(1, 9) i
                    """);
            s.execute("""
                    INSERT INTO grid_worker (grid_code, worker_id, role) VALUES
                      ('630102001001003', 'GW-0001', 'grid_worker'), ('630102001001003', 'GW-0002', 'grid_worker'),
                      ('630102001001003', 'GW-0003', 'part_time'), ('630102001001003', 'SV-0001', 'supervisor'),
                      ('630102001001001', 'GW-0004', 'grid_worker')
                    """);
        }
        calc = new WorkloadCalculator(db.dataSource(), new GridStatisticsCalculator(db.dataSource(), SuppressionPolicy.DEFAULT));
    }

    static GridWorkload grid(List<GridWorkload> all, String suffix) {
        return all.stream().filter(g -> g.gridCode().endsWith(suffix)).findFirst().orElseThrow();
    }

    @Test
    void incidents_and_residents_are_divided_by_the_workers_of_the_grid() {
        List<GridWorkload> all = calc.compute(WINDOW, true);
        GridWorkload g3 = grid(all, "003");
        assertThat(g3.workers()).isEqualTo(3);
        assertThat(g3.supervisors()).isOne();
        assertThat(g3.incidents()).isEqualTo(6);
        assertThat(g3.incidentsPerWorker()).isEqualTo(2.0);
        assertThat(g3.residents()).isEqualTo(12);
        assertThat(g3.residentsPerWorker()).isEqualTo(4.0);
        GridWorkload g1 = grid(all, "001");
        assertThat(g1.incidentsPerWorker()).isEqualTo(3.0);
        assertThat(g1.residentsPerWorker()).isEqualTo(20.0);
        assertThat(all).extracting(GridWorkload::gridCode).startsWith("630102001001001", "630102001001003");
    }

    @Test
    void grids_without_staffing_say_so_instead_of_dividing_by_zero() {
        List<GridWorkload> all = calc.compute(WINDOW, false);
        for (String suffix : List.of("002", "004")) {
            GridWorkload g = grid(all, suffix);
            assertThat(g.staffing()).isEqualTo("no staffing data");
            assertThat(g.incidentsPerWorker()).isNull();
            assertThat(g.residentsPerWorker()).isNull();
        }
        assertThat(all.subList(2, 4)).allMatch(g -> g.workers() == 0);
    }

    @Test
    void withheld_residents_stay_withheld_with_their_ratio_and_person_level_access_sees_them() {
        List<GridWorkload> suppressed = calc.compute(WINDOW, false);
        assertThat(grid(suppressed, "002").residents()).isNull();
        assertThat(suppressed).filteredOn(g -> g.residents() == null).allMatch(g -> g.residentsPerWorker() == null)
                .hasSizeGreaterThan(1);
        assertThat(suppressed).filteredOn(g -> g.residents() != null && g.workers() > 0)
                .allMatch(g -> g.residentsPerWorker() == g.residents() / (double) g.workers());
        assertThat(grid(calc.compute(WINDOW, true), "002").residents()).isEqualTo(3);
    }

    @Test
    void staffing_rows_are_checked_by_the_database() {
        for (String bad : List.of("('630102001001003', 'x''; --', 'grid_worker')", "('6301', 'GW-9', 'grid_worker')",
                "('630102001001003', 'GW-9', 'boss')")) {
            assertThatThrownBy(() -> {
                try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement()) {
                    s.execute("INSERT INTO grid_worker (grid_code, worker_id, role) VALUES " + bad);
                }
            }).isInstanceOf(SQLException.class).hasMessageContaining("check constraint");
        }
    }
}
