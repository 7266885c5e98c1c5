package org.gridlens.geodata.importing;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.gridlens.geodata.sql.SqlResource;

/**
 * The bulk path of a large incident import: inside the import's transaction it drops the secondary
 * indexes and the foreign keys of {@code incident} and disables the per-row {@code incident_assign}
 * trigger (the importer supplies grid and cell), lets the upsert run, then rebuilds every index from
 * its saved definition and re-adds every foreign key (validated by one set-based query each). The
 * statement-level triggers (daily counts, change feed, announcements) stay on, so incident_daily stays
 * exact. Everything is transactional: a failure rolls the indexes, keys and trigger back with the rows.
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

    private final Connection c;
    private final List<String[]> indexes = new ArrayList<>();
    private final List<String[]> foreignKeys = new ArrayList<>();

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

    /** Drops indexes and keys and disables the row trigger; call {@link #finish()} after the upsert. */
    static IncidentBulkLoad begin(Connection c) throws SQLException {
        IncidentBulkLoad b = new IncidentBulkLoad(c);
        read(c, "bulk_indexes.sql", b.indexes);
        read(c, "bulk_foreign_keys.sql", b.foreignKeys);
        try (Statement s = c.createStatement()) {
            s.execute("SET LOCAL maintenance_work_mem = '256MB'");
            s.execute("ALTER TABLE incident DISABLE TRIGGER incident_assign");
            for (String[] fk : b.foreignKeys) {
                s.execute("ALTER TABLE incident DROP CONSTRAINT " + quote(fk[0]));
            }
            for (String[] index : b.indexes) {
                s.execute("DROP INDEX " + index[0]); // regclass text: already quoted where needed
            }
        }
        return b;
    }

    /** Rebuilds the indexes, re-adds (and so validates) the foreign keys, re-enables the trigger. */
    void finish() throws SQLException {
        try (Statement s = c.createStatement()) {
            for (String[] index : indexes) {
                s.execute(index[1]);
            }
            for (String[] fk : foreignKeys) {
                s.execute("ALTER TABLE incident ADD CONSTRAINT " + quote(fk[0]) + " " + fk[1]);
            }
            s.execute("ALTER TABLE incident ENABLE TRIGGER incident_assign");
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
