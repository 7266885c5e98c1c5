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
 * The bulk path of a large incident import: inside the import's transaction it drops the secondary
 * indexes, the foreign keys and the unique key (source, source_id) of {@code incident}, disables the per-row {@code incident_assign}
 * trigger (the importer supplies grid and cell) and the per-statement INSERT triggers (daily counts,
 * change feed, announcements), then {@linkplain #upsert(String) upserts} in two statements: an UPDATE
 * of the rows that exist and changed (UPDATE triggers on, so their counts move exactly), and a plain
 * INSERT of the new rows that adds their daily counts in one GROUP BY and sends the same announcement
 * and change notification the triggers would. Finally it rebuilds every index from its saved
 * definition, re-adds every foreign key and the unique key (validated by one set-based pass each) and
 * re-enables the triggers. Without the unique index, the UPDATE and the new-row test join the staged
 * rows to the table by hash, which costs one pass over a table no larger than the file (the bulk
 * path's precondition). incident_daily stays exact (tests recount it). Everything is transactional: a failure rolls
 * the indexes, keys and triggers back with the rows.
 *
 * <p>Why: the INSERT triggers read the statement's transition table, i.e. every inserted row written
 * to a tuplestore (spilled to disk for a million rows) and scanned three times, and the announcement
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
    /** Per-statement INSERT triggers whose work {@link #upsert(String)} does itself (V1; V4 and V40, one trigger since V45). */
    private static final List<String> INSERT_TRIGGERS = List.of("incident_daily_ins", "incident_announce_ins");
    /** Above this many rows an insert is announced by one bulk notification (as gl_incident_announce_set does). */
    private static final int ANNOUNCE_ONE_BY_ONE = 50;

    private final Connection c;
    private final List<String[]> indexes = new ArrayList<>();
    private final List<String[]> constraints = new ArrayList<>();

    private IncidentBulkLoad(Connection c) {
        this.c = c;
    }

    /**
     * True when {@code stagedRows} is worth a rebuild: at least {@code minRows} and at least the
     * planner's estimate of the rows already in the table.
     */
    static boolean worthIt(Connection c, long stagedRows, long minRows) throws SQLException {
        if (stagedRows < minRows) {
            return false;
        }
        try (Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT greatest(reltuples, 0)::bigint FROM pg_class WHERE oid = 'incident'::regclass")) {
            rs.next();
            return stagedRows >= rs.getLong(1);
        }
    }

    /** Drops indexes and constraints and disables the triggers; call {@link #upsert(String)}, then {@link #finish()}. */
    static IncidentBulkLoad begin(Connection c) throws SQLException {
        IncidentBulkLoad b = new IncidentBulkLoad(c);
        read(c, "bulk_indexes.sql", b.indexes);
        read(c, "bulk_constraints.sql", b.constraints);
        try (Statement s = c.createStatement()) {
            s.execute("SET LOCAL maintenance_work_mem = '256MB'");
            s.execute("ALTER TABLE incident DISABLE TRIGGER incident_assign");
            for (String trigger : INSERT_TRIGGERS) {
                s.execute("ALTER TABLE incident DISABLE TRIGGER " + trigger);
            }
            for (String[] constraint : b.constraints) {
                s.execute("ALTER TABLE incident DROP CONSTRAINT " + quote(constraint[0]));
            }
            for (String[] index : b.indexes) {
                s.execute("DROP INDEX " + index[0]); // regclass text: already quoted where needed
            }
        }
        return b;
    }

    /** Rebuilds the indexes, re-adds (and so validates) the keys, re-enables the triggers. */
    void finish() throws SQLException {
        try (Statement s = c.createStatement()) {
            for (String[] index : indexes) {
                s.execute(index[1]);
            }
            for (String[] constraint : constraints) {
                s.execute("ALTER TABLE incident ADD CONSTRAINT " + quote(constraint[0]) + " " + constraint[1]);
            }
            s.execute("ALTER TABLE incident ENABLE TRIGGER incident_assign");
            for (String trigger : INSERT_TRIGGERS) {
                s.execute("ALTER TABLE incident ENABLE TRIGGER " + trigger);
            }
        }
    }

    /**
     * Writes the staged rows: updates the existing ones that changed, inserts the new ones with their
     * daily counts, announces the inserts. Call between {@link #begin(Connection)} and {@link #finish()}.
     *
     * @param district the district code every new row gets
     * @return {inserted, updated}
     */
    long[] upsert(String district) throws SQLException {
        long updated;
        try (PreparedStatement ps = c.prepareStatement(SqlResource.load(IncidentBulkLoad.class, "bulk_update_incident.sql"))) {
            updated = ps.executeUpdate();
        }
        long inserted;
        try (PreparedStatement ps = c.prepareStatement(SqlResource.load(IncidentBulkLoad.class, "bulk_insert_incident.sql"))) {
            ps.setString(1, district);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                inserted = rs.getLong(1);
                if (inserted > 0) {
                    announce(inserted, rs);
                }
            }
        }
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
