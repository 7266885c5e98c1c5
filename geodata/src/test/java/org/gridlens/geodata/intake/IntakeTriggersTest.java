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
 * The triggers V43, V44 and V45 made cheaper still do what V1, V4, V21, V22, V30, V33 and V40 promised:
 * placement, announcements and change notices, the data version, and counts and roll-ups equal to a recount,
 * also under concurrent writers.
 */
class IntakeTriggersTest {

    static Database db;
    static final ObjectMapper JSON = new ObjectMapper();

    @BeforeAll
    static void open() throws Exception {
        db = TestDatabase.freshDatabase("intake_triggers");
        insertRegionsAndCells(db);
    }

    /** The region fixture plus one unit cell per grid (its first polygon), ids 1, 2, … in grid-code order. */
    static void insertRegionsAndCells(Database db) throws Exception {
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

    /** The grid roll-ups of incidents (V33; one trigger call together with the data version since V45) against a recount. */
    private static final List<String> GRID_RECOUNTS = List.of(
            """
            WITH rolled AS (
                SELECT g.month, g.grid_code, k.dim::text AS dim, k.key, sum(g.counts[k.pos])::bigint AS n
                FROM grid_month_incidents g JOIN incident_rollup_key k ON k.pos <= cardinality(g.counts)
                GROUP BY 1, 2, 3, 4 HAVING sum(g.counts[k.pos]) <> 0
            ), recount AS (
                SELECT date_trunc('month', gl_local_day(i.reported_at))::date, i.grid_code, x.dim, x.key, count(*)
                FROM incident i CROSS JOIN LATERAL (VALUES ('c', left(i.category_code, 2)), ('s', i.source), ('t', i.status)) x(dim, key)
                WHERE i.grid_code IS NOT NULL GROUP BY 1, 2, 3, 4
            )
            (SELECT * FROM rolled EXCEPT ALL SELECT * FROM recount) UNION ALL (SELECT * FROM recount EXCEPT ALL SELECT * FROM rolled)""",
            """
            WITH rolled AS (
                SELECT month, grid_code, sum(registered)::bigint AS registered, sum(due)::bigint AS due FROM grid_kpi_month
                GROUP BY 1, 2 HAVING sum(registered) <> 0 OR sum(due) <> 0
            ), recount AS (
                SELECT month, grid_code, sum(r)::bigint, sum(d)::bigint FROM (
                    SELECT date_trunc('month', gl_local_day(registered_at))::date AS month, grid_code, 1 AS r, 0 AS d
                    FROM incident WHERE grid_code IS NOT NULL AND registered_at IS NOT NULL
                    UNION ALL
                    SELECT date_trunc('month', gl_local_day(deadline))::date, grid_code, 0, 1
                    FROM incident WHERE grid_code IS NOT NULL AND deadline IS NOT NULL) x
                GROUP BY 1, 2
            )
            (SELECT * FROM rolled EXCEPT ALL SELECT * FROM recount) UNION ALL (SELECT * FROM recount EXCEPT ALL SELECT * FROM rolled)""",
            """
            WITH rolled AS (
                SELECT day, grid_code, sum(due)::bigint AS due FROM grid_kpi_day GROUP BY 1, 2 HAVING sum(due) <> 0
            ), recount AS (
                SELECT gl_local_day(deadline), grid_code, count(*) FROM incident
                WHERE grid_code IS NOT NULL AND deadline IS NOT NULL GROUP BY 1, 2
            )
            (SELECT * FROM rolled EXCEPT ALL SELECT * FROM recount) UNION ALL (SELECT * FROM recount EXCEPT ALL SELECT * FROM rolled)""");

    private static void assertAllRollupsEqualRecount(Statement s, String when) throws Exception {
        assertRollupsEqualRecount(s, when);
        for (String q : GRID_RECOUNTS) {
            try (ResultSet rs = s.executeQuery("SELECT count(*) FROM (" + q + ") d")) {
                rs.next();
                assertThat(rs.getLong(1)).as("%s: rows differing from a recount in%n%s", when, q).isZero();
            }
        }
    }

    private static long dataVersion(Statement s) throws Exception {
        try (ResultSet rs = s.executeQuery("SELECT version FROM analytics_data_version")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** An intake-like statement: {@code n} rows with grid and cell, spread over categories, days and cells; orders get a deadline. */
    private static String intakeLike(String prefix, int n) {
        return """
                WITH ins AS (
                    INSERT INTO incident (district_code, source, source_id, kind, category_code, reported_at, accepted_at, status,
                                          geom, grid_code, cell_id, deadline)
                    SELECT '630102', (ARRAY['hotline', 'camera', 'grid_worker'])[1 + i %% 3], '%s-' || i,
                           CASE WHEN i %% 4 = 0 THEN 'service_order' ELSE 'event' END,
                           CASE WHEN i %% 4 = 0 THEN 'S0101' ELSE (ARRAY['0101', '0102', '0301'])[1 + i %% 3] END,
                           now() - (i %% 5) * interval '1 day', now(), 'reported', u.p, u.grid_code, u.id,
                           CASE WHEN i %% 4 = 0 THEN now() + interval '24 hours' END
                    FROM generate_series(1, %d) i
                    JOIN (SELECT id, grid_code, ST_PointOnSurface(geom) AS p, row_number() OVER (ORDER BY id) - 1 AS k FROM unit_cell) u
                      ON u.k = i %% (SELECT count(*) FROM unit_cell)
                    ON CONFLICT (source, source_id) DO NOTHING
                    RETURNING id, district_code, accepted_at, source
                )
                INSERT INTO case_event (district_code, incident_id, stage, at, actor)
                SELECT district_code, id, 'report', accepted_at, source FROM ins""".formatted(prefix, n);
    }

    @Test
    void concurrent_intake_statements_keep_every_roll_up_equal_to_a_recount_and_rolled_back_ones_leave_no_trace() throws Exception {
        try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT count(*) FROM category WHERE code = 'S0101'")) {
            rs.next();
            assertThat(rs.getLong(1)).as("the code list has the service-order category the fixture uses").isOne();
        }
        int writers = 4;
        int statements = 15;
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(writers);
        try {
            List<java.util.concurrent.Future<?>> done = new ArrayList<>();
            for (int w = 0; w < writers; w++) {
                int writer = w;
                done.add(pool.submit(() -> {
                    try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement()) {
                        c.setAutoCommit(false);
                        for (int k = 0; k < statements; k++) {
                            s.execute(intakeLike("W" + writer + "-" + k, 1 + (k * 7 + writer) % 9));
                            if (k % 5 == 4) {
                                c.rollback(); // every fifth group fails after its insert
                            } else {
                                c.commit();
                            }
                        }
                    }
                    return null;
                }));
            }
            for (java.util.concurrent.Future<?> f : done) {
                f.get(5, java.util.concurrent.TimeUnit.MINUTES);
            }
        } finally {
            pool.shutdownNow();
        }
        try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement()) {
            try (ResultSet rs = s.executeQuery("SELECT count(*), count(*) FILTER (WHERE deadline IS NOT NULL) FROM incident"
                    + " WHERE source_id ~ '^W[0-9]-'")) {
                rs.next();
                assertThat(rs.getLong(1)).as("the committed groups' rows, and no rolled-back one").isEqualTo(
                        (long) java.util.stream.IntStream.range(0, writers).flatMap(w -> java.util.stream.IntStream.range(0, statements)
                                .filter(k -> k % 5 != 4).map(k -> 1 + (k * 7 + w) % 9)).sum());
                assertThat(rs.getLong(2)).as("some rows carry a deadline (the KPI roll-up's path)").isPositive();
            }
            assertAllRollupsEqualRecount(s, "after concurrent intake statements");
            // Moves and deletes of those rows (the update and delete triggers are unchanged) stay exact too.
            s.execute("UPDATE incident SET status = 'registered', registered_at = now() WHERE source_id LIKE 'W0-%'");
            s.execute("UPDATE incident SET geom = ST_SetSRID(ST_MakePoint(101.815, 36.615), 4326) WHERE source_id LIKE 'W1-%'");
            assertAllRollupsEqualRecount(s, "after moves");
        }
    }

    @Test
    void an_insert_changes_the_data_version_once_committed_and_sends_its_change_notice_after_the_row_announcements()
            throws Exception {
        try (Connection listener = java.sql.DriverManager.getConnection(db.target().jdbcUrl(), db.target().user(),
                db.target().password()); Statement l = listener.createStatement();
             Connection c = db.dataSource().getConnection(); Statement s = c.createStatement()) {
            l.execute("LISTEN gridlens_incident");
            l.execute("LISTEN gridlens_change");
            long before = dataVersion(s);
            c.setAutoCommit(false);
            s.execute(intakeLike("V-ROLLED-BACK", 3));
            c.rollback();
            assertThat(dataVersion(s)).as("a rolled-back insert does not change the version").isEqualTo(before);
            s.execute(intakeLike("V-ONE", 2));
            c.commit();
            long afterInsert = dataVersion(s);
            assertThat(afterInsert).as("a committed insert changes the version").isGreaterThan(before);
            s.execute(intakeLike("V-ONE", 2)); // both rows exist already: nothing inserted, nothing announced
            c.commit();
            s.execute("INSERT INTO case_event (district_code, incident_id, stage, at, actor)"
                    + " SELECT district_code, id, 'register', now(), 'test' FROM incident WHERE source_id = 'V-ONE-1'");
            c.commit();
            assertThat(dataVersion(s)).as("a stage event alone changes the version too").isGreaterThan(afterInsert);
            List<String> channels = new ArrayList<>();
            List<JsonNode> notices = new ArrayList<>();
            long giveUp = System.nanoTime() + 10_000_000_000L;
            while (notices.size() < 3 && System.nanoTime() < giveUp) {
                PGNotification[] ns = listener.unwrap(PGConnection.class).getNotifications(500);
                if (ns != null) {
                    for (PGNotification n : ns) {
                        channels.add(n.getName());
                        notices.add(JSON.readTree(n.getParameter()));
                    }
                }
            }
            // Anything more (e.g. a change notice for the conflicting insert) would arrive with these: wait briefly.
            PGNotification[] extra = listener.unwrap(PGConnection.class).getNotifications(1000);
            assertThat(extra == null ? 0 : extra.length).as("a statement that inserted nothing announces nothing").isZero();
            assertThat(channels).containsExactly("gridlens_incident", "gridlens_incident", "gridlens_change");
            assertThat(notices.get(2).path("table").asText()).isEqualTo("incident");
            assertThat(notices.get(2).path("bbox").isArray()).as("the change notice bounds the inserted points").isTrue();
            double minLon = notices.get(2).path("bbox").get(0).asDouble();
            double maxLon = notices.get(2).path("bbox").get(2).asDouble();
            for (JsonNode n : notices.subList(0, 2)) {
                assertThat(n.path("lon").asDouble()).isBetween(minLon, maxLon);
            }
        }
    }
}
