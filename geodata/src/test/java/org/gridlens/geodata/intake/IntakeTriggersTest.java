package org.gridlens.geodata.intake;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.gridlens.geodata.db.Database;
import org.gridlens.geodata.testing.RegionFixture;
import org.gridlens.geodata.testing.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

/**
 * The triggers V43 and V44 made cheaper still do what V1, V21, V22 and V40 promised: placement,
 * announcements, and counts and roll-ups equal to a recount.
 */
class IntakeTriggersTest {

    static Database db;
    static final ObjectMapper JSON = new ObjectMapper();

    @BeforeAll
    static void open() throws Exception {
        db = TestDatabase.freshDatabase("intake_triggers");
        RegionFixture.insert(db.dataSource());
        try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement()) {
            s.execute("""
                    INSERT INTO unit_cell (id, code, district_code, col, row, size_m, grid_code, geom)
                    SELECT row_number() OVER (ORDER BY code), 'C' || code, '630102', row_number() OVER (ORDER BY code), 0, 100,
                           code, ST_GeometryN(geom, 1)
                    FROM region WHERE level = 'grid'""");
        }
    }

    @AfterAll
    static void close() {
        db.close();
    }

    private static String insert(String sourceId, String grid, String cell, double lon, double lat) {
        return "INSERT INTO incident (district_code, source, source_id, kind, category_code, reported_at, accepted_at, status,"
                + " geom, grid_code, cell_id) VALUES ('630102', 'hotline', '" + sourceId + "', 'event', '0101', now(), now(),"
                + " 'reported', ST_SetSRID(ST_MakePoint(" + lon + ", " + lat + "), 4326), " + grid + ", " + cell + ")";
    }

    private static String[] placement(Statement s, String sourceId) throws Exception {
        try (ResultSet rs = s.executeQuery("SELECT grid_code, cell_id, gl_grid_of(geom), gl_cell_of(geom) FROM incident"
                + " WHERE source_id = '" + sourceId + "'")) {
            rs.next();
            return new String[] {rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4)};
        }
    }

    @Test
    void rows_without_grid_or_cell_are_placed_rows_with_them_keep_them_and_moved_rows_are_placed_again() throws Exception {
        try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement()) {
            s.execute(insert("A-NONE", "NULL", "NULL", 101.805, 36.605));
            s.execute(insert("A-CELL-ONLY", "NULL", "1", 101.815, 36.615));
            s.execute(insert("A-GIVEN", "'630102001001001'", "2", 101.805, 36.605));
            String[] none = placement(s, "A-NONE");
            assertThat(none[0]).isNotNull().isEqualTo(none[2]);
            assertThat(none[1]).isNotNull().isEqualTo(none[3]);
            String[] cellOnly = placement(s, "A-CELL-ONLY");
            assertThat(cellOnly[0]).as("grid found, the given cell kept").isEqualTo(cellOnly[2]);
            assertThat(cellOnly[1]).isEqualTo("1");
            String[] given = placement(s, "A-GIVEN");
            assertThat(given[0]).as("a writer's grid and cell are trusted on insert").isEqualTo("630102001001001");
            assertThat(given[1]).isEqualTo("2");
            s.execute("UPDATE incident SET geom = ST_SetSRID(ST_MakePoint(101.815, 36.615), 4326) WHERE source_id = 'A-GIVEN'");
            String[] moved = placement(s, "A-GIVEN");
            assertThat(moved[0]).as("a moved point is placed again").isEqualTo(moved[2]).isNotEqualTo("630102001001001");
            assertThat(moved[1]).isEqualTo(moved[3]);
        }
    }

    @Test
    void an_insert_announces_each_row_in_id_order_and_a_big_one_announces_once() throws Exception {
        try (Connection listener = java.sql.DriverManager.getConnection(db.target().jdbcUrl(), db.target().user(),
                db.target().password()); Statement l = listener.createStatement();
             Connection c = db.dataSource().getConnection(); Statement s = c.createStatement()) {
            l.execute("LISTEN gridlens_incident");
            s.execute("INSERT INTO incident (district_code, source, source_id, kind, category_code, reported_at, accepted_at, status,"
                    + " geom, grid_code, cell_id) SELECT '630102', 'camera', 'N-' || i, 'event', '0301', now(), now(), 'reported',"
                    + " ST_SetSRID(ST_MakePoint(101.805, 36.605), 4326), NULL, NULL FROM generate_series(1, 3) i");
            s.execute("INSERT INTO incident (district_code, source, source_id, kind, category_code, reported_at, accepted_at, status,"
                    + " geom) SELECT '630102', 'camera', 'B-' || i, 'event', '0301', now(), now(), 'reported',"
                    + " ST_SetSRID(ST_MakePoint(101.805, 36.605), 4326) FROM generate_series(1, 51) i");
            List<JsonNode> notices = new ArrayList<>();
            long giveUp = System.nanoTime() + 10_000_000_000L;
            while (notices.size() < 4 && System.nanoTime() < giveUp) {
                PGNotification[] ns = listener.unwrap(PGConnection.class).getNotifications(500);
                if (ns != null) {
                    for (PGNotification n : ns) {
                        notices.add(JSON.readTree(n.getParameter()));
                    }
                }
            }
            assertThat(notices).hasSize(4);
            List<Long> ids = new ArrayList<>();
            for (JsonNode n : notices.subList(0, 3)) {
                assertThat(n.path("op").asText()).isEqualTo("insert");
                assertThat(n.path("category").asText()).isEqualTo("0301");
                assertThat(n.path("grid").asText()).as("the payload shows the placed row").isNotEmpty();
                assertThat(n.path("cell").isInt()).isTrue();
                assertThat(n.path("lon").asDouble()).isEqualTo(101.805);
                assertThat(n.path("lat").asDouble()).isEqualTo(36.605);
                assertThat(n.has("deadline") && n.has("dept") && n.has("vulnerable") && n.has("priority")).isTrue();
                ids.add(n.path("id").asLong());
            }
            assertThat(ids).isSorted().doesNotHaveDuplicates();
            assertThat(notices.get(3).path("op").asText()).isEqualTo("bulk_insert");
            assertThat(notices.get(3).path("count").asInt()).isEqualTo(51);
        }
    }

    /** Each roll-up of incidents against a recount from the incident table itself; returns the differing rows. */
    private static final List<String> RECOUNTS = List.of(
            """
            SELECT cell_id, day, category_code, n FROM incident_daily WHERE n > 0
            EXCEPT ALL SELECT coalesce(cell_id, 0), gl_local_day(reported_at), category_code, count(*)::int FROM incident GROUP BY 1, 2, 3""",
            """
            SELECT coalesce(cell_id, 0), gl_local_day(reported_at), category_code, count(*)::int FROM incident GROUP BY 1, 2, 3
            EXCEPT ALL SELECT cell_id, day, category_code, n FROM incident_daily""",
            """
            SELECT year, cell_id, n FROM incident_cell_year WHERE n > 0
            EXCEPT ALL SELECT date_trunc('year', gl_local_day(reported_at))::date, coalesce(cell_id, 0), count(*)::int FROM incident GROUP BY 1, 2""",
            """
            SELECT date_trunc('year', gl_local_day(reported_at))::date, coalesce(cell_id, 0), count(*)::int FROM incident GROUP BY 1, 2
            EXCEPT ALL SELECT year, cell_id, n FROM incident_cell_year""",
            """
            SELECT month, cell_id, n FROM incident_cell_month WHERE n > 0
            EXCEPT ALL SELECT date_trunc('month', gl_local_day(reported_at))::date, coalesce(cell_id, 0), count(*)::int FROM incident GROUP BY 1, 2""",
            """
            SELECT date_trunc('month', gl_local_day(reported_at))::date, coalesce(cell_id, 0), count(*)::int FROM incident GROUP BY 1, 2
            EXCEPT ALL SELECT month, cell_id, n FROM incident_cell_month""",
            """
            SELECT category_code, month, cell_id, n FROM incident_category_month WHERE n > 0
            EXCEPT ALL SELECT category_code, date_trunc('month', gl_local_day(reported_at))::date, coalesce(cell_id, 0), count(*)::int
            FROM incident GROUP BY 1, 2, 3""",
            """
            SELECT category_code, date_trunc('month', gl_local_day(reported_at))::date, coalesce(cell_id, 0), count(*)::int
            FROM incident GROUP BY 1, 2, 3
            EXCEPT ALL SELECT category_code, month, cell_id, n FROM incident_category_month""",
            """
            SELECT year, sx, sy, n FROM incident_square_year WHERE n > 0
            EXCEPT ALL SELECT date_trunc('year', gl_local_day(i.reported_at))::date, u.sq_x, u.sq_y, count(*)
            FROM incident i JOIN unit_cell u ON u.id = i.cell_id GROUP BY 1, 2, 3""",
            """
            SELECT date_trunc('year', gl_local_day(i.reported_at))::date, u.sq_x, u.sq_y, count(*)
            FROM incident i JOIN unit_cell u ON u.id = i.cell_id GROUP BY 1, 2, 3
            EXCEPT ALL SELECT year, sx, sy, n FROM incident_square_year""",
            """
            SELECT month, sx, sy, n FROM incident_square_month WHERE n > 0
            EXCEPT ALL SELECT date_trunc('month', gl_local_day(i.reported_at))::date, u.sq_x, u.sq_y, count(*)
            FROM incident i JOIN unit_cell u ON u.id = i.cell_id GROUP BY 1, 2, 3""",
            """
            SELECT date_trunc('month', gl_local_day(i.reported_at))::date, u.sq_x, u.sq_y, count(*)
            FROM incident i JOIN unit_cell u ON u.id = i.cell_id GROUP BY 1, 2, 3
            EXCEPT ALL SELECT month, sx, sy, n FROM incident_square_month""");

    private static void assertRollupsEqualRecount(Statement s, String when) throws Exception {
        for (String q : RECOUNTS) {
            try (ResultSet rs = s.executeQuery("SELECT count(*) FROM (" + q + ") d")) {
                rs.next();
                assertThat(rs.getLong(1)).as("%s: rows differing from a recount in%n%s", when, q).isZero();
            }
        }
    }

    @Test
    void inserts_count_every_roll_up_once_and_direct_writers_of_incident_daily_still_drive_the_roll_ups() throws Exception {
        try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement()) {
            c.setAutoCommit(false);
            // New keys, then the same keys again (the upsert's update path), over two months and years, several
            // categories and cells, and points outside every cell (counted under cell 0, in no square).
            String rows = """
                    INSERT INTO incident (district_code, source, source_id, kind, category_code, reported_at, accepted_at, status, geom)
                    SELECT '630102', 'camera', '%s-' || i, 'event', (ARRAY['0101', '0102', '0301'])[1 + i %% 3],
                           timestamptz '2025-12-31 23:30+08' + ((i %% 4) * 20 || ' minutes')::interval, now(), 'reported',
                           ST_SetSRID(ST_MakePoint(CASE WHEN i %% 7 = 0 THEN 101.5 ELSE 101.805 + (i %% 2) * 0.01 END,
                                                   CASE WHEN i %% 7 = 0 THEN 36.1 ELSE 36.605 + (i %% 2) * 0.01 END), 4326)
                    FROM generate_series(1, %d) i""";
            s.execute(rows.formatted("R1", 30));
            s.execute(rows.formatted("R2", 30));
            s.execute(rows.formatted("R3", 1));
            c.commit();
            assertRollupsEqualRecount(s, "after inserts");
            try (ResultSet rs = s.executeQuery("SELECT count(*) FILTER (WHERE cell_id IS NULL), count(*) FROM incident"
                    + " WHERE source_id ~ '^R[123]-'")) {
                rs.next();
                assertThat(rs.getLong(1)).as("some rows lie outside every cell").isPositive();
                assertThat(rs.getLong(2)).isEqualTo(61);
            }
            // A rolled-back insert leaves no trace.
            s.execute(rows.formatted("R4", 10));
            c.rollback();
            assertRollupsEqualRecount(s, "after a rolled-back insert");
            // In the same transaction as an insert, a direct writer of incident_daily (as imports and the demo
            // loader are) still moves the roll-ups through incident_daily's own triggers, and moves and deletes
            // of incidents keep everything exact.
            s.execute(rows.formatted("R5", 5));
            s.execute("UPDATE incident_daily SET n = n + 2 WHERE (cell_id, day, category_code) ="
                    + " (SELECT cell_id, day, category_code FROM incident_daily WHERE cell_id > 0 ORDER BY 1, 2, 3 LIMIT 1)");
            s.execute("UPDATE incident_daily SET n = n - 2 WHERE (cell_id, day, category_code) ="
                    + " (SELECT cell_id, day, category_code FROM incident_daily WHERE cell_id > 0 ORDER BY 1, 2, 3 LIMIT 1)");
            s.execute("UPDATE incident SET reported_at = reported_at + interval '40 days' WHERE source_id LIKE 'R1-%'");
            s.execute("UPDATE incident SET geom = ST_SetSRID(ST_MakePoint(101.815, 36.615), 4326) WHERE source_id LIKE 'R2-1%'");
            s.execute("DELETE FROM incident WHERE source_id LIKE 'R2-2%'");
            c.commit();
            assertRollupsEqualRecount(s, "after direct writes, moves and deletes");
            try (ResultSet rs = s.executeQuery("SELECT current_setting('gridlens.rollups_direct', true)")) {
                rs.next();
                assertThat(rs.getString(1)).as("the insert path's marker does not outlive its statement").isNullOrEmpty();
            }
        }
    }
}
