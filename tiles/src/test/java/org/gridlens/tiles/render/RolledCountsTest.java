package org.gridlens.tiles.render;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.gridlens.geodata.testing.FreshDatabase;
import org.gridlens.tiles.TileCoord;
import org.gridlens.tiles.filter.TileFilter;
import org.gridlens.tiles.layer.LayerCatalog;
import org.gridlens.tiles.testing.MvtDecoder;
import org.gridlens.tiles.testing.TileFixture;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Low-zoom incident counts add whole years and months from the roll-ups of migrations V21 (per cell)
 * and V22 (per web-mercator square) and only the days of partial months from incident_daily. Over three
 * years of incidents (crossing year and month boundaries, two categories), incident and heat tiles must
 * count exactly what SQL counts on the incident table for windows of every shape — open ends, shorter
 * than a month, within one month, across New Year, whole years — and the roll-ups must equal a recount
 * from incident_daily after inserts, moves, deletes, a rollback and a unit cell that changes square.
 */
class RolledCountsTest {

    @RegisterExtension
    static final FreshDatabase db = FreshDatabase.named("rolled_counts");
    static final LayerCatalog catalog = LayerCatalog.standard();
    static TileRenderer renderer;

    @BeforeAll
    static void load() throws SQLException {
        TileFixture.insert(db.dataSource()); // regions, unit cells and 52 incidents of early 2026
        try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement()) {
            // 1,500 incidents every ~17.5 hours from late 2023 to early 2027 (local midnights included).
            s.execute("""
                    INSERT INTO incident (district_code, source, source_id, kind, category_code, reported_at, status, geom)
                    SELECT '630102', 'hotline', 'R' || i, 'event', CASE WHEN i % 3 = 0 THEN '0102' ELSE '0101' END,
                           timestamptz '2023-12-30 23:30+08' + (i * 1050 || ' minutes')::interval, 'reported',
                           ST_SetSRID(ST_MakePoint(101.8005 + (i % 19) * 0.001, 36.6005 + ((i * 7) % 19) * 0.001), 4326)
                    FROM generate_series(0, 1499) i
                    """);
        }
        renderer = TileRenderer.over(db.database(), catalog, Duration.ofSeconds(10), 4);
    }

    @Test
    void tiles_count_what_sql_counts_for_windows_of_every_shape() throws Exception {
        List<LocalDate[]> windows = new ArrayList<>(List.of(
                new LocalDate[] {null, null},
                new LocalDate[] {LocalDate.of(2024, 1, 1), null},
                new LocalDate[] {null, LocalDate.of(2025, 1, 1)},
                new LocalDate[] {LocalDate.of(2024, 1, 1), LocalDate.of(2026, 1, 1)},
                new LocalDate[] {LocalDate.of(2024, 12, 31), LocalDate.of(2025, 1, 2)},
                new LocalDate[] {LocalDate.of(2025, 3, 5), LocalDate.of(2025, 3, 20)},
                new LocalDate[] {LocalDate.of(2025, 3, 1), LocalDate.of(2025, 4, 1)},
                new LocalDate[] {LocalDate.of(2023, 12, 31), LocalDate.of(2027, 1, 1)},
                new LocalDate[] {LocalDate.of(2024, 2, 29), LocalDate.of(2025, 11, 30)}));
        Random rnd = new Random(20261127L);
        for (int i = 0; i < 12; i++) {
            LocalDate a = LocalDate.of(2023, 12, 1).plusDays(rnd.nextInt(1200));
            windows.add(new LocalDate[] {a, a.plusDays(1 + rnd.nextInt(500))});
        }
        for (LocalDate[] w : windows) {
            for (List<String> cats : List.of(List.<String>of(), List.of("0102"), List.of("0101", "0102"))) {
                TileFilter f = new TileFilter(Optional.ofNullable(w[0]), Optional.ofNullable(w[1]), cats, List.of(), List.of());
                long expected = sqlCount(w[0], w[1], cats);
                for (int z : new int[] {9, 11, 12, 13}) {
                    assertThat(tileTotal("incident", z, f)).as("%s..%s %s at z%d", w[0], w[1], cats, z).isEqualTo(expected);
                }
                assertThat(tileTotal("heat", 10, f)).as("heat %s..%s %s at z10", w[0], w[1], cats).isEqualTo(expected);
            }
        }
    }

    @Test
    void a_status_filter_counts_from_the_incident_table_through_the_same_squares() throws Exception {
        for (LocalDate[] w : List.of(new LocalDate[] {null, null}, new LocalDate[] {LocalDate.of(2024, 2, 29), LocalDate.of(2025, 11, 30)})) {
            TileFilter f = new TileFilter(Optional.ofNullable(w[0]), Optional.ofNullable(w[1]), List.of("0102"), List.of("reported", "closed"), List.of());
            long expected = sqlCount(w[0], w[1], List.of("0102"));
            for (int z : new int[] {8, 11, 12}) {
                assertThat(tileTotal("incident", z, f)).as("status at z%d", z).isEqualTo(expected);
                assertThat(tileTotal("heat", z, f)).as("heat status at z%d", z).isEqualTo(expected);
            }
        }
    }

    @Test
    void the_rollups_equal_a_recount_after_inserts_moves_and_deletes() throws SQLException {
        try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement()) {
            c.setAutoCommit(false);
            s.execute("""
                    INSERT INTO incident (district_code, source, source_id, kind, category_code, reported_at, status, geom)
                    SELECT '630102', 'camera', 'X' || i, 'event', '0101', timestamptz '2025-06-30 23:59+08' + (i || ' minutes')::interval,
                           'reported', ST_SetSRID(ST_MakePoint(101.8105, 36.6105), 4326)
                    FROM generate_series(0, 4) i
                    """);
            s.execute("UPDATE incident SET reported_at = reported_at + interval '400 days' WHERE source_id LIKE 'R1%'");
            s.execute("UPDATE incident SET category_code = '0102' WHERE source_id LIKE 'R2%'");
            s.execute("UPDATE incident SET geom = ST_SetSRID(ST_MakePoint(101.8195, 36.6195), 4326) WHERE source_id LIKE 'R3%'");
            s.execute("DELETE FROM incident WHERE source_id LIKE 'R4%'");
            c.commit();
            assertRollupsMatch(c);
            // A change rolled back leaves no trace.
            s.execute("DELETE FROM incident WHERE source_id LIKE 'R5%'");
            c.rollback();
            assertRollupsMatch(c);
            // A unit cell whose centre moves into another square takes its counts along.
            int moved = s.executeUpdate("""
                    UPDATE unit_cell SET geom = ST_Translate(geom, 0.005, 0.004)
                    WHERE id = (SELECT cell_id FROM incident_daily GROUP BY cell_id ORDER BY sum(n) DESC, cell_id LIMIT 1)
                    """);
            assertThat(moved).isOne();
            assertSquaresOf(c, "moved cell");
            c.rollback();
            assertRollupsMatch(c);
        }
    }

    private static void assertRollupsMatch(Connection c) throws SQLException {
        for (String diff : List.of(
                """
                SELECT count(*) FROM (
                  (SELECT year, cell_id, n FROM incident_cell_year WHERE n > 0
                   EXCEPT SELECT date_trunc('year', day)::date, cell_id, sum(n)::int FROM incident_daily GROUP BY 1, 2)
                  UNION ALL
                  (SELECT date_trunc('year', day)::date, cell_id, sum(n)::int FROM incident_daily GROUP BY 1, 2
                   EXCEPT SELECT year, cell_id, n FROM incident_cell_year)) d
                """,
                """
                SELECT count(*) FROM (
                  (SELECT month, cell_id, n FROM incident_cell_month WHERE n > 0
                   EXCEPT SELECT date_trunc('month', day)::date, cell_id, sum(n)::int FROM incident_daily GROUP BY 1, 2)
                  UNION ALL
                  (SELECT date_trunc('month', day)::date, cell_id, sum(n)::int FROM incident_daily GROUP BY 1, 2
                   EXCEPT SELECT month, cell_id, n FROM incident_cell_month)) d
                """,
                """
                SELECT count(*) FROM (
                  (SELECT category_code, month, cell_id, n FROM incident_category_month WHERE n > 0
                   EXCEPT SELECT category_code, date_trunc('month', day)::date, cell_id, sum(n)::int FROM incident_daily GROUP BY 1, 2, 3)
                  UNION ALL
                  (SELECT category_code, date_trunc('month', day)::date, cell_id, sum(n)::int FROM incident_daily GROUP BY 1, 2, 3
                   EXCEPT SELECT category_code, month, cell_id, n FROM incident_category_month)) d
                """,
                """
                SELECT count(*) FROM (
                  (SELECT coalesce(cell_id, 0), gl_local_day(reported_at), category_code, count(*)::int FROM incident GROUP BY 1, 2, 3
                   EXCEPT SELECT cell_id, day, category_code, n FROM incident_daily WHERE n > 0)) d
                """)) {
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(diff)) {
                rs.next();
                assertThat(rs.getLong(1)).as(diff).isZero();
            }
        }
        assertSquaresOf(c, "after changes");
    }

    /** The V22 square roll-ups equal a recount from incident_daily by each cell's current square. */
    private static void assertSquaresOf(Connection c, String when) throws SQLException {
        for (String unit : List.of("year", "month")) {
            String table = "incident_square_" + unit;
            String recount = "SELECT date_trunc('" + unit + "', d.day)::date, u.sq_x, u.sq_y, sum(d.n)::bigint"
                    + " FROM incident_daily d JOIN unit_cell u ON u.id = d.cell_id GROUP BY 1, 2, 3 HAVING sum(d.n) > 0";
            String diff = "SELECT count(*), (SELECT count(*) FROM " + table + " WHERE n > 0) FROM ((SELECT " + unit + ", sx, sy, n FROM "
                    + table + " WHERE n > 0 EXCEPT " + recount + ") UNION ALL (" + recount + " EXCEPT SELECT " + unit
                    + ", sx, sy, n FROM " + table + ")) d";
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(diff)) {
                rs.next();
                assertThat(rs.getLong(2)).as("%s has rows %s", table, when).isPositive();
                assertThat(rs.getLong(1)).as("%s differs from a recount %s", table, when).isZero();
            }
        }
    }

    private static long tileTotal(String layer, int z, TileFilter f) throws Exception {
        long total = 0;
        for (TileCoord t : TileRendererTest.covering(z)) {
            for (MvtDecoder.Layer l : MvtDecoder.decode(renderer.render(
                    new TileRequest(List.of(catalog.find(layer).orElseThrow()), t, f), 0).bytes())) {
                for (MvtDecoder.Feature x : l.features()) {
                    total += ((Number) x.properties().get("count")).longValue();
                }
            }
        }
        return total;
    }

    private static long sqlCount(LocalDate from, LocalDate to, List<String> cats) throws SQLException {
        try (Connection c = db.dataSource().getConnection(); PreparedStatement ps = c.prepareStatement("""
                SELECT count(*) FROM incident
                WHERE (?::date IS NULL OR reported_at >= (?::date::timestamp AT TIME ZONE 'Asia/Shanghai'))
                  AND (?::date IS NULL OR reported_at < (?::date::timestamp AT TIME ZONE 'Asia/Shanghai'))
                  AND (cardinality(?::text[]) = 0 OR category_code = ANY (?::text[]))
                """)) {
            ps.setObject(1, from);
            ps.setObject(2, from);
            ps.setObject(3, to);
            ps.setObject(4, to);
            ps.setArray(5, c.createArrayOf("text", cats.toArray()));
            ps.setArray(6, c.createArrayOf("text", cats.toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }
}
