package org.gridlens.geodata.analytics.stats;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;
import javax.sql.DataSource;
import org.gridlens.geodata.analytics.TimeWindow;
import org.gridlens.geodata.testing.FreshDatabase;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The roll-ups behind grid statistics (migrations V32, V33) against the definitions over the base
 * tables: the same figures for whole-month, partial-month and open-ended windows, before and after
 * writes to every table they depend on. Own database: the test writes.
 */
class GridStatisticsRollupTest {

    private static final List<TimeWindow> WINDOWS = List.of(
            new TimeWindow(LocalDate.of(2025, 11, 1), LocalDate.of(2026, 11, 1)),
            new TimeWindow(LocalDate.of(2025, 11, 17), LocalDate.of(2026, 3, 9)),
            new TimeWindow(LocalDate.of(2026, 2, 3), LocalDate.of(2026, 2, 20)),
            new TimeWindow(LocalDate.of(2023, 10, 30), LocalDate.of(2026, 11, 2)),
            new TimeWindow(LocalDate.of(2026, 10, 15), LocalDate.now().plusDays(20)));
    @RegisterExtension
    static final FreshDatabase db = FreshDatabase.named("stats_rollups").seededWith(FreshDatabase.smallDemo());
    private static DataSource ds;

    @BeforeAll
    static void load() {
        ds = db.dataSource();
    }

    private static void assertRollupsAgree(String when) {
        GridStatisticsCalculator calc = new GridStatisticsCalculator(ds, SuppressionPolicy.DEFAULT);
        for (TimeWindow w : WINDOWS) {
            List<RegionStatistics> fast = calc.compute(w, true, true);
            List<RegionStatistics> definition = calc.compute(w, true, false);
            assertThat(definition.get(0).incidents()).as("the window %s has incidents", w).isPositive();
            assertThat(fast).as("%s, window %s", when, w).usingRecursiveComparison()
                    .withComparatorForFields(Comparator.nullsFirst((Double a, Double b) -> Math.abs(a - b) < 1e-9 ? 0
                            : Double.compare(a, b)), "kpis.avgHandlingHours")
                    .isEqualTo(definition);
            // suppressed answers are computed from the same figures
            assertThat(calc.compute(w, false, true)).usingRecursiveComparison()
                    .withComparatorForFields(Comparator.nullsFirst((Double a, Double b) -> Math.abs(a - b) < 1e-9 ? 0
                            : Double.compare(a, b)), "kpis.avgHandlingHours")
                    .isEqualTo(calc.compute(w, false, false));
        }
    }

    @Test
    void rollupsGiveTheFiguresOfTheDefinitionsBeforeAndAfterWritesToEveryBaseTable() throws Exception {
        assertRollupsAgree("as loaded");
        try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
            // people: a new resident, changed flags and birth year, a removal, a building and a housing
            // unit moved to another grid, a building's solid rebuilt (no count changes)
            s.execute("""
                    INSERT INTO resident (pid, district_code, housing_unit_id, birth_year, sex, registration,
                                          elderly_living_alone, disabled)
                    SELECT 'rollup-test-1', district_code, housing_unit_id, 1941, 'F', 'floating', true, true
                    FROM resident ORDER BY id LIMIT 1""");
            s.execute("""
                    UPDATE resident SET disabled = NOT disabled, birth_year = birth_year - 30,
                                        registration = CASE registration WHEN 'registered' THEN 'floating' ELSE 'registered' END
                    WHERE id IN (SELECT id FROM resident ORDER BY id DESC LIMIT 7)""");
            s.execute("DELETE FROM resident WHERE id IN (SELECT id FROM resident ORDER BY id LIMIT 3 OFFSET 5)");
            s.execute("""
                    UPDATE building SET grid_code = (SELECT min(grid_code) FROM building b2 WHERE b2.grid_code <> building.grid_code)
                    WHERE id = (SELECT min(id) FROM building WHERE grid_code IS NOT NULL)""");
            s.execute("""
                    UPDATE housing_unit SET building_id = (SELECT max(id) FROM building WHERE grid_code IS NOT NULL)
                    WHERE id IN (SELECT h.id FROM housing_unit h JOIN resident r ON r.housing_unit_id = h.id ORDER BY h.id LIMIT 2)""");
            s.execute("UPDATE building SET floors = floors WHERE id IN (SELECT id FROM building ORDER BY id LIMIT 5)");
            // incidents: new cases (one open and overdue, one closed late), a status change, a case
            // closed now, a first and a second rework event, a case moved to another grid, a removal
            s.execute("""
                    INSERT INTO incident (district_code, source, source_id, kind, category_code, reported_at, registered_at,
                                          deadline, status, geom)
                    SELECT district_code, 'hotline', 'rollup-test-' || g, kind, category_code,
                           timestamptz '2026-02-10 09:00+08' + g * interval '1 day', timestamptz '2026-02-10 10:00+08' + g * interval '1 day',
                           timestamptz '2026-02-12 10:00+08' + g * interval '1 day', 'registered', geom
                    FROM incident, generate_series(1, 3) g WHERE id = (SELECT min(id) FROM incident)""");
            s.execute("""
                    UPDATE incident SET handled_at = timestamptz '2026-03-20 10:00+08', closed_at = timestamptz '2026-03-21 10:00+08',
                                        status = 'closed'
                    WHERE source_id = 'rollup-test-2'""");
            s.execute("""
                    UPDATE incident SET status = 'dispatched', handled_at = NULL, closed_at = NULL
                    WHERE id IN (SELECT id FROM incident WHERE closed_at >= '2026-06-01' AND grid_code IS NOT NULL ORDER BY id LIMIT 4)""");
            s.execute("""
                    INSERT INTO case_event (district_code, incident_id, stage, at, actor)
                    SELECT district_code, id, 'rework', closed_at - interval '1 hour', 'test' FROM incident
                    WHERE closed_at >= '2026-01-01' AND grid_code IS NOT NULL
                      AND id NOT IN (SELECT incident_id FROM case_event WHERE stage = 'rework')
                    ORDER BY id LIMIT 5""");
            s.execute("""
                    INSERT INTO case_event (district_code, incident_id, stage, at, actor)
                    SELECT district_code, incident_id, 'rework', at, 'test' FROM case_event
                    WHERE stage = 'rework' ORDER BY id DESC LIMIT 2""");
            s.execute("""
                    UPDATE incident SET grid_code = (SELECT max(code) FROM region WHERE level = 'grid' AND code <> incident.grid_code)
                    WHERE id IN (SELECT id FROM incident WHERE closed_at >= '2026-01-01' AND grid_code IS NOT NULL ORDER BY id DESC LIMIT 3)""");
            s.execute("""
                    DELETE FROM incident WHERE id IN (SELECT id FROM incident i WHERE grid_code IS NOT NULL
                      AND NOT EXISTS (SELECT 1 FROM case_event e WHERE e.incident_id = i.id)
                      ORDER BY id LIMIT 2)""");
        }
        assertRollupsAgree("after writes");
    }
}
