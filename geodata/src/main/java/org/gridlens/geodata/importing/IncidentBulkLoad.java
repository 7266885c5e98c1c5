package org.gridlens.geodata.importing;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.gridlens.geodata.sql.SqlResource;

/**
 * The bulk path of a large incident import. Inside the import's transaction it
 * <ol>
 *   <li>takes the staged rows whose key is new ({@code import_new}, once, while the unique key still
 *       answers);</li>
 *   <li>drops the secondary indexes (but keeps a partial index that a sample of the new rows shows they
 *       would hardly enter: maintaining it costs a predicate test a row, rebuilding it a pass over the
 *       table), the foreign keys and the unique key (source, source_id); disables the per-row
 *       {@code incident_assign} trigger (the importer supplies grid and cell) and drops the per-statement
 *       INSERT triggers it replaces (daily counts, grid roll-ups, change feed, announcements: dropped, not
 *       disabled, because PostgreSQL fills the transition table of a disabled trigger too);</li>
 *   <li>{@linkplain #upsert(String) upserts}: an UPDATE of the rows that exist and changed (UPDATE
 *       triggers on, so their counts move exactly); the per-grid roll-ups of the new rows, by V33's own
 *       statements ({@code gl_grid_rollup_sql}) over the new rows folded by the values those statements
 *       read ({@code import_new_groups}: thousands of rows instead of a million, same sums); a plain
 *       INSERT of the new rows whose daily counts, grouped once, go through {@code gl_incident_counts_add}
 *       (V51, the definition the intake trigger uses too) into incident_daily and its cell and square
 *       roll-ups (incident_daily by UPDATE and plain INSERT, since the import holds the table exclusively),
 *       and the same announcement and change notification the triggers would send;</li>
 *   <li>{@linkplain #finish() finishes}: rebuilds every dropped index from its saved definition, re-adds
 *       every foreign key and the unique key (validated by one set-based pass each), re-creates the
 *       dropped triggers from their definitions with their enabled state and re-enables
 *       {@code incident_assign}.</li>
 * </ol>
 * Without the unique index, the UPDATE joins the staged rows to the table by hash, which costs one pass
 * over a table no larger than the file (the bulk path's precondition). incident_daily, its roll-ups and
 * the grid roll-ups stay exact (tests recount them). Everything is transactional: a failure rolls the
 * indexes, keys and triggers back with the rows. When one of the replaced triggers is missing (the
 * schema moved on), the bulk path is not taken at all, so nothing is counted twice or not at all.
 *
 * <p>Why: the INSERT triggers read the statement's transition table, i.e. every inserted row written
 * to a tuplestore (spilled to disk for a million rows) and scanned several times, and the announcement
 * looked the new ids up again with {@code id = ANY(array)}; ON CONFLICT inserts speculatively.
 *
 * <p>Limit, stated: the dropped indexes take an ACCESS EXCLUSIVE lock on {@code incident} (and
 * re-adding the keys a SHARE ROW EXCLUSIVE lock on category, address and housing_unit) until the import
 * commits, so readers of incidents wait for a bulk import. It is chosen only when the file brings at
 * least {@value #MIN_ROWS} rows and at least as many as the table already holds, i.e. when rebuilding
 * costs less than maintaining the indexes row by row.
 */
final class IncidentBulkLoad {

    /** Fewest staged rows for the bulk path. */
    static final long MIN_ROWS = 100_000;
    /**
     * Per-statement INSERT triggers whose work {@link #upsert(String)} does itself: daily counts (V1/V44), grid
     * roll-ups (V33), announcements and the change notice (V40; V4's notice joined it in V45).
     */
    static final List<String> INSERT_TRIGGERS = List.of("incident_announce_ins", "incident_daily_ins", "incident_grid_rollup_ins");
    /** Above this many rows an insert is announced by one bulk notification (as gl_incident_announce_set does). */
    private static final int ANNOUNCE_ONE_BY_ONE = 50;
    /** New rows sampled to decide whether a partial index is kept (and maintained) rather than rebuilt. */
    private static final int PREDICATE_SAMPLE = 1000;
    /** A partial index is kept when at most this share of the sampled new rows would enter it. */
    private static final double KEEP_PARTIAL_SHARE = 0.01;

    private final Connection c;
    private final ImportPhaseListener phases;
    private final List<String[]> indexes = new ArrayList<>();
    private final List<String[]> constraints = new ArrayList<>();
    private final List<String[]> triggers = new ArrayList<>();

    private IncidentBulkLoad(Connection c, ImportPhaseListener phases) {
        this.c = c;
        this.phases = phases;
    }

    /**
     * True when {@code stagedRows} is worth a rebuild: at least {@code minRows} and at least the
     * planner's estimate of the rows already in the table; and the INSERT triggers whose work the bulk
     * path does are all there.
     */
    static boolean worthIt(Connection c, long stagedRows, long minRows) throws SQLException {
        if (stagedRows < minRows) {
            return false;
        }
        try (Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT greatest(reltuples, 0)::bigint FROM pg_class WHERE oid = 'incident'::regclass")) {
            rs.next();
            if (stagedRows < rs.getLong(1)) {
                return false;
            }
        }
        return replacedTriggers(c).size() == INSERT_TRIGGERS.size();
    }

    /** Finds the new rows, drops indexes, keys and triggers; call {@link #upsert(String)}, then {@link #finish()}. */
    static IncidentBulkLoad begin(Connection c, ImportPhaseListener phases) throws SQLException {
        long start = System.nanoTime();
        IncidentBulkLoad b = new IncidentBulkLoad(c, phases);
        try (Statement s = c.createStatement()) {
            s.execute(SqlResource.load(IncidentBulkLoad.class, "bulk_new_incidents.sql"));
        }
        start = b.lap("  bulk: new rows", start);
        try (Statement s = c.createStatement();
             ResultSet rs = s.executeQuery(SqlResource.load(IncidentBulkLoad.class, "bulk_indexes.sql"))) {
            while (rs.next()) {
                b.indexes.add(new String[] {rs.getString(1), rs.getString(2), rs.getString(3)});
            }
        }
        List<String[]> kept = new ArrayList<>();
        for (String[] index : b.indexes) {
            if (index[2] != null && b.hardlyEntered(index[2])) {
                kept.add(index);
            }
        }
        b.indexes.removeAll(kept);
        read(c, "bulk_constraints.sql", b.constraints);
        b.triggers.addAll(replacedTriggers(c));
        try (Statement s = c.createStatement()) {
            s.execute("SET LOCAL maintenance_work_mem = '256MB'");
            s.execute("ALTER TABLE incident DISABLE TRIGGER incident_assign");
            for (String[] trigger : b.triggers) {
                s.execute("DROP TRIGGER " + quote(trigger[0]) + " ON incident");
            }
            for (String[] constraint : b.constraints) {
                s.execute("ALTER TABLE incident DROP CONSTRAINT " + quote(constraint[0]));
            }
            for (String[] index : b.indexes) {
                s.execute("DROP INDEX " + index[0]); // regclass text: already quoted where needed
            }
        }
        b.lap("  bulk: drop", start);
        return b;
    }

    /** The replaced INSERT triggers as they are: name, definition, enabled state. */
    private static List<String[]> replacedTriggers(Connection c) throws SQLException {
        List<String[]> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(SqlResource.load(IncidentBulkLoad.class, "bulk_triggers.sql"))) {
            ps.setArray(1, c.createArrayOf("text", INSERT_TRIGGERS.toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new String[] {rs.getString(1), rs.getString(2), rs.getString(3)});
                }
            }
        }
        return out;
    }

    /**
     * True when at most {@link #KEEP_PARTIAL_SHARE} of a sample of the new rows satisfy the partial
     * index's {@code predicate} (catalog text over incident's columns), read as incident rows (columns
     * the importer does not write are NULL). Only a cost decision: either way the index ends up complete.
     */
    private boolean hardlyEntered(String predicate) throws SQLException {
        String sql = "SELECT count(*), (SELECT count(*) FROM (SELECT 1 FROM import_new LIMIT " + PREDICATE_SAMPLE + ") a)"
                + " FROM (SELECT r.* FROM (SELECT * FROM import_new LIMIT " + PREDICATE_SAMPLE + ") n,"
                + " LATERAL jsonb_populate_record(NULL::incident, to_jsonb(n) - 'geom') r) incident WHERE " + predicate;
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1) <= KEEP_PARTIAL_SHARE * rs.getLong(2);
        }
    }

    /** Rebuilds the dropped indexes, re-adds (and so validates) the keys, restores the triggers. */
    void finish() throws SQLException {
        try (Statement s = c.createStatement()) {
            long mark = System.nanoTime();
            for (String[] index : indexes) {
                s.execute(index[1]);
                mark = lap("  index " + index[0], mark);
            }
            for (String[] constraint : constraints) {
                s.execute("ALTER TABLE incident ADD CONSTRAINT " + quote(constraint[0]) + " " + constraint[1]);
                mark = lap("  key " + constraint[0], mark);
            }
            for (String[] trigger : triggers) {
                s.execute(trigger[1]);
                String state = switch (trigger[2]) {
                    case "D" -> "DISABLE TRIGGER ";
                    case "R" -> "ENABLE REPLICA TRIGGER ";
                    case "A" -> "ENABLE ALWAYS TRIGGER ";
                    default -> null; // 'O': enabled, as CREATE TRIGGER leaves it
                };
                if (state != null) {
                    s.execute("ALTER TABLE incident " + state + quote(trigger[0]));
                }
            }
            s.execute("ALTER TABLE incident ENABLE TRIGGER incident_assign");
        }
    }

    /**
     * Writes the staged rows: updates the existing ones that changed, inserts the new ones with their
     * daily counts, announces the inserts. Call between {@link #begin(Connection, ImportPhaseListener)} and {@link #finish()}.
     *
     * @param district the district code every new row gets
     * @return {inserted, updated}
     */
    long[] upsert(String district) throws SQLException {
        long mark = System.nanoTime();
        long updated;
        try (PreparedStatement ps = c.prepareStatement(SqlResource.load(IncidentBulkLoad.class, "bulk_update_incident.sql"))) {
            updated = ps.executeUpdate();
        }
        mark = lap("  bulk: update", mark);
        List<String> rollups = new ArrayList<>();
        try (Statement s = c.createStatement()) {
            s.execute(SqlResource.load(IncidentBulkLoad.class, "bulk_new_incident_groups.sql"));
        }
        try (Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT unnest(gl_grid_rollup_sql('SELECT g.* FROM import_new_groups g'))")) {
            while (rs.next()) {
                rollups.add(rs.getString(1));
            }
        }
        try (Statement s = c.createStatement()) {
            for (String sql : rollups) {
                s.execute(sql);
            }
        }
        mark = lap("  bulk: grid roll-ups", mark);
        long inserted;
        try (PreparedStatement ps = c.prepareStatement(SqlResource.load(IncidentBulkLoad.class, "bulk_insert_incident.sql"))) {
            ps.setString(1, district);
            ps.setString(2, district);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                inserted = rs.getLong(1);
                mark = lap("  bulk: insert", mark);
                if (inserted > 0) {
                    announce(inserted, rs);
                }
            }
        }
        lap("  bulk: announce", mark);
        return new long[] {inserted, updated};
    }

    /** What the INSERT triggers would have sent: the change feed's extent and the insert announcement. */
    private void announce(long inserted, ResultSet rs) throws SQLException {
        double[] box = {rs.getDouble(4), rs.getDouble(5), rs.getDouble(6), rs.getDouble(7)};
        try (PreparedStatement ps = c.prepareStatement("SELECT gl_notify('incident', ST_MakeEnvelope(?, ?, ?, ?)::box2d)")) {
            for (int i = 0; i < 4; i++) {
                ps.setDouble(i + 1, box[i]);
            }
            ps.execute();
        }
        if (inserted <= ANNOUNCE_ONE_BY_ONE) {
            try (PreparedStatement ps = c.prepareStatement("SELECT gl_incident_announce_set('insert', ?)")) {
                ps.setArray(1, rs.getArray(8));
                ps.execute();
            }
        } else {
            try (PreparedStatement ps = c.prepareStatement(SqlResource.load(IncidentBulkLoad.class, "announce_bulk_insert.sql"))) {
                ps.setLong(1, inserted);
                ps.setLong(2, rs.getLong(2));
                ps.setLong(3, rs.getLong(3));
                for (int i = 0; i < 4; i++) {
                    ps.setDouble(i + 4, box[i]);
                }
                ps.execute();
            }
        }
    }

    /** Tells the listener the step that began at {@code since}; returns now. */
    private long lap(String step, long since) {
        long now = System.nanoTime();
        phases.phase(step, now - since);
        return now;
    }

    private static void read(Connection c, String resource, List<String[]> out) throws SQLException {
        try (Statement s = c.createStatement();
             ResultSet rs = s.executeQuery(SqlResource.load(IncidentBulkLoad.class, resource))) {
            while (rs.next()) {
                out.add(new String[] {rs.getString(1), rs.getString(2)});
            }
        }
    }

    private static String quote(String identifier) {
        return '"' + identifier.replace("\"", "\"\"") + '"';
    }
}
