package org.gridlens.geodata.testing;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Every pre-aggregation of incidents compared with a recount from the {@code incident} table itself:
 * the daily counts ({@code incident_daily}), their cell and square roll-ups (V21, V22) and the per-grid
 * incident and case-KPI roll-ups (V33, slots added up). Each comparison runs both ways
 * ({@code EXCEPT ALL}), and zero counts kept in a roll-up are ignored, so any missing, extra or wrong
 * count shows. The recounts are written here from the definitions, not taken from the triggers.
 */
public final class RollupRecount {

    private static final String DAILY = """
            SELECT coalesce(cell_id, 0) AS cell_id, gl_local_day(reported_at) AS day, category_code, count(*)::bigint AS n
            FROM incident GROUP BY 1, 2, 3""";
    private static final String KPI = """
            SELECT v.day, i.grid_code, v.registered, v.due, v.due_on_time, v.closed, v.reworked, v.handled, v.handled_us
            FROM incident i
            CROSS JOIN LATERAL (SELECT i.closed_at IS NOT NULL
                                       AND EXISTS (SELECT 1 FROM case_event e WHERE e.incident_id = i.id AND e.stage = 'rework') AS rw) w
            CROSS JOIN LATERAL (VALUES
                (gl_local_day(i.registered_at), 1, 0, 0, 0, 0, 0, 0::bigint),
                (gl_local_day(i.deadline), 0, 1, CASE WHEN i.handled_at <= i.deadline THEN 1 ELSE 0 END, 0, 0, 0, 0::bigint),
                (gl_local_day(i.closed_at), 0, 0, 0, 1, CASE WHEN w.rw THEN 1 ELSE 0 END, 0, 0::bigint),
                (CASE WHEN i.registered_at IS NOT NULL THEN gl_local_day(i.handled_at) END, 0, 0, 0, 0, 0, 1,
                 (extract(epoch FROM i.handled_at - i.registered_at) * 1000000)::bigint)
            ) v(day, registered, due, due_on_time, closed, reworked, handled, handled_us)
            WHERE v.day IS NOT NULL AND i.grid_code IS NOT NULL""";
    private static final String KPI_SUMS = "sum(registered)::bigint, sum(due)::bigint, sum(due_on_time)::bigint, sum(closed)::bigint,"
            + " sum(reworked)::bigint, sum(handled)::bigint, sum(handled_us)::bigint";
    private static final String KPI_NONZERO = " HAVING sum(registered) <> 0 OR sum(due) <> 0 OR sum(due_on_time) <> 0 OR sum(closed) <> 0"
            + " OR sum(reworked) <> 0 OR sum(handled) <> 0 OR sum(handled_us) <> 0";

    /** Table → (what the table holds, what a recount gives), each a query of the same columns. */
    private static final Map<String, String[]> COMPARISONS = Map.of(
            "incident_daily", new String[] {
                "SELECT cell_id, day, category_code, n::bigint FROM incident_daily WHERE n <> 0", DAILY},
            "incident_cell_year", new String[] {
                "SELECT year, cell_id, n::bigint FROM incident_cell_year WHERE n <> 0",
                "SELECT date_trunc('year', day)::date, cell_id, sum(n)::bigint FROM (" + DAILY + ") d GROUP BY 1, 2"},
            "incident_cell_month", new String[] {
                "SELECT month, cell_id, n::bigint FROM incident_cell_month WHERE n <> 0",
                "SELECT date_trunc('month', day)::date, cell_id, sum(n)::bigint FROM (" + DAILY + ") d GROUP BY 1, 2"},
            "incident_category_month", new String[] {
                "SELECT category_code, month, cell_id, n::bigint FROM incident_category_month WHERE n <> 0",
                "SELECT category_code, date_trunc('month', day)::date, cell_id, sum(n)::bigint FROM (" + DAILY + ") d GROUP BY 1, 2, 3"},
            "incident_square_year", new String[] {
                "SELECT year, sx, sy, n::bigint FROM incident_square_year WHERE n <> 0",
                "SELECT date_trunc('year', d.day)::date, u.sq_x, u.sq_y, sum(d.n)::bigint FROM (" + DAILY + ") d"
                        + " JOIN unit_cell u ON u.id = d.cell_id GROUP BY 1, 2, 3"},
            "incident_square_month", new String[] {
                "SELECT month, sx, sy, n::bigint FROM incident_square_month WHERE n <> 0",
                "SELECT date_trunc('month', d.day)::date, u.sq_x, u.sq_y, sum(d.n)::bigint FROM (" + DAILY + ") d"
                        + " JOIN unit_cell u ON u.id = d.cell_id GROUP BY 1, 2, 3"},
            "grid_month_incidents", new String[] {
                """
                SELECT g.month, g.grid_code, k.dim::text, k.key, sum(u.n)::bigint
                FROM grid_month_incidents g
                CROSS JOIN LATERAL unnest(g.counts) WITH ORDINALITY u(n, pos)
                JOIN incident_rollup_key k ON k.pos = u.pos
                GROUP BY 1, 2, 3, 4 HAVING sum(u.n) <> 0""",
                """
                SELECT date_trunc('month', gl_local_day(i.reported_at))::date, i.grid_code, x.dim, x.key, count(*)::bigint
                FROM incident i
                CROSS JOIN LATERAL (VALUES ('c', left(i.category_code, 2)), ('s', i.source), ('t', i.status)) x(dim, key)
                WHERE i.grid_code IS NOT NULL
                GROUP BY 1, 2, 3, 4"""},
            "grid_kpi_day", new String[] {
                "SELECT day, grid_code, " + KPI_SUMS + " FROM grid_kpi_day GROUP BY 1, 2" + KPI_NONZERO,
                "SELECT day, grid_code, " + KPI_SUMS + " FROM (" + KPI + ") k GROUP BY 1, 2" + KPI_NONZERO},
            "grid_kpi_month", new String[] {
                "SELECT month, grid_code, " + KPI_SUMS + " FROM grid_kpi_month GROUP BY 1, 2" + KPI_NONZERO,
                "SELECT date_trunc('month', day)::date, grid_code, " + KPI_SUMS + " FROM (" + KPI + ") k GROUP BY 1, 2" + KPI_NONZERO});

    private RollupRecount() {
    }

    /**
     * The tables whose counts differ from a recount, each with the number of differing rows; empty when
     * every count is exact.
     */
    public static List<String> differences(Connection c) throws SQLException {
        List<String> out = new ArrayList<>();
        try (Statement s = c.createStatement()) {
            for (Map.Entry<String, String[]> e : COMPARISONS.entrySet()) {
                String held = e.getValue()[0];
                String recount = e.getValue()[1];
                try (ResultSet rs = s.executeQuery("SELECT (SELECT count(*) FROM ((" + held + ") EXCEPT ALL (" + recount + ")) a),"
                        + " (SELECT count(*) FROM ((" + recount + ") EXCEPT ALL (" + held + ")) b)")) {
                    rs.next();
                    if (rs.getLong(1) + rs.getLong(2) > 0) {
                        out.add(e.getKey() + ": " + rs.getLong(1) + " rows held that a recount does not give, " + rs.getLong(2)
                                + " recounted rows not held");
                    }
                }
            }
        }
        return out;
    }

    /** The number of non-zero counts in every pre-aggregation, so a test can see the recount compared something. */
    public static long heldRows(Connection c) throws SQLException {
        long n = 0;
        try (Statement s = c.createStatement()) {
            for (String[] q : COMPARISONS.values()) {
                try (ResultSet rs = s.executeQuery("SELECT count(*) FROM (" + q[0] + ") h")) {
                    rs.next();
                    n += rs.getLong(1);
                }
            }
        }
        return n;
    }
}
