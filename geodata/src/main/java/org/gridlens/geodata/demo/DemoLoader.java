package org.gridlens.geodata.demo;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.postgresql.copy.PGCopyOutputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Loads the synthetic demo district into an empty, migrated database with one COPY per table, in a
 * single transaction: a failed load leaves nothing behind. Rows are generated in Java while
 * PostgreSQL parses the previous buffer, so generation and ingestion overlap on two cores.
 *
 * <p>Bulk-load shortcuts, all inside the transaction (others only wait on its locks) and all undone
 * before commit, so nothing is weakened afterwards:
 * <ul>
 *   <li>trigger incident_assign is disabled: every row already carries grid_code and cell_id,
 *       computed in Java by the same rules as gl_grid_of/gl_cell_of;</li>
 *   <li>trigger incident_daily_ins is disabled and incident_daily is filled by one
 *       INSERT … SELECT … GROUP BY with the trigger's own grouping (a test recounts it);</li>
 *   <li>secondary indexes of the big tables, their free-standing unique constraints and the foreign
 *       keys of all loaded tables are dropped and re-created from the database's own definitions:
 *       bulk index builds and one set-based validation per foreign key instead of per-row work.</li>
 * </ul>
 * Sequences are moved past the loaded ids and statistics refreshed; one dataset_load row records
 * profile, seed, checksum and counts. Per-step timings are logged at INFO.
 */
public final class DemoLoader {

    /** The seed the CLI and the README use unless told otherwise. */
    public static final long DEFAULT_SEED = 20261126L;
    private static final Logger log = LoggerFactory.getLogger(DemoLoader.class);

    private static final String[] BULK_TABLES = {"incident", "case_event", "resident", "housing_unit", "address",
        "incident_daily"};
    private final DataSource dataSource;

    public DemoLoader(DataSource dataSource) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
    }

    /**
     * Loads the profile into an EMPTY migrated database; fails with IllegalStateException if regions
     * already exist. Returns counts, checksum (same as {@link DemoDistrictGenerator#checksum()}) and time.
     */
    public DemoLoadReport load(DemoProfile profile, long seed) {
        long started = System.nanoTime();
        try (Connection c = dataSource.getConnection()) {
            boolean auto = c.getAutoCommit();
            c.setAutoCommit(false);
            try {
                if (hasRegions(c)) {
                    throw new IllegalStateException("database already has regions; demo data loads only into an empty database");
                }
                try (Statement s = c.createStatement()) {
                    s.execute("SET LOCAL synchronous_commit = off");
                    s.execute("SET LOCAL statement_timeout = 0");
                    s.execute("SET LOCAL maintenance_work_mem = '256MB'");
                    s.execute("SET LOCAL work_mem = '256MB'");
                    s.execute("ALTER TABLE incident DISABLE TRIGGER incident_assign");
                    s.execute("ALTER TABLE incident DISABLE TRIGGER incident_daily_ins");
                }
                List<String[]> indexes = secondaryIndexes(c);
                List<String[]> constraints = bulkConstraints(c);
                try (Statement s = c.createStatement()) {
                    for (String[] con : constraints) {
                        s.execute("ALTER TABLE " + con[0] + " DROP CONSTRAINT " + quote(con[1]));
                    }
                    for (String[] index : indexes) {
                        s.execute("DROP INDEX " + index[0]);
                    }
                }
                PGConnection pg = c.unwrap(PGConnection.class);
                MessageDigest digest = DemoDistrictGenerator.sha256();
                long[] tableStart = {System.nanoTime()};
                Map<String, Long> counts = new DemoDistrictGenerator(profile, seed).generate(table -> {
                    log.info("demo: copying {} ({} ms since the previous table started)", table.tableName(),
                            (System.nanoTime() - tableStart[0]) / 1_000_000);
                    tableStart[0] = System.nanoTime();
                    try {
                        return new DigestOutputStream(new PGCopyOutputStream(pg, table.copySql(), 1 << 17), digest);
                    } catch (SQLException e) {
                        throw new IOException("COPY " + table.tableName() + " failed: " + e.getMessage(), e);
                    }
                });
                String checksum = HexFormat.of().formatHex(digest.digest());
                log.info("demo: COPY done ({} ms for the last table)", (System.nanoTime() - tableStart[0]) / 1_000_000);
                try (Statement s = c.createStatement()) {
                    for (String[] index : indexes) {
                        long t = System.nanoTime();
                        s.execute(index[1]);
                        log.info("demo: rebuilt {} in {} ms", index[0], (System.nanoTime() - t) / 1_000_000);
                    }
                    for (int i = constraints.size() - 1; i >= 0; i--) {
                        String[] con = constraints.get(i);
                        long t = System.nanoTime();
                        s.execute("ALTER TABLE " + con[0] + " ADD CONSTRAINT " + quote(con[1]) + " " + con[2]);
                        log.info("demo: re-added {} in {} ms", con[1], (System.nanoTime() - t) / 1_000_000);
                    }
                    s.execute("ALTER TABLE incident ENABLE TRIGGER incident_assign");
                    s.execute("ALTER TABLE incident ENABLE TRIGGER incident_daily_ins");
                    long t = System.nanoTime();
                    s.execute(SqlResource.read("fill_incident_daily.sql"));
                    log.info("demo: filled incident_daily in {} ms", (System.nanoTime() - t) / 1_000_000);
                    s.execute(SqlResource.read("after_load.sql"));
                    s.execute(SqlResource.read("grid_staffing.sql"));
                }
                log.info("demo: after-load work done");
                try (PreparedStatement ps = c.prepareStatement(
                        "INSERT INTO dataset_load (name, profile, seed, checksum, row_counts) VALUES ('demo', ?, ?, ?, ?::jsonb)")) {
                    ps.setString(1, profile.label());
                    ps.setLong(2, seed);
                    ps.setString(3, checksum);
                    ps.setString(4, new ObjectMapper().writeValueAsString(counts));
                    ps.executeUpdate();
                }
                c.commit();
                Duration elapsed = Duration.ofNanos(System.nanoTime() - started);
                log.info("demo: loaded profile {} seed {} in {} ms: {}", profile.label(), seed, elapsed.toMillis(), counts);
                return new DemoLoadReport(profile, seed, counts, checksum, elapsed);
            } catch (SQLException | IOException | RuntimeException e) {
                c.rollback();
                throw e instanceof RuntimeException re ? re : new IllegalStateException("demo load failed: " + e.getMessage(), e);
            } finally {
                c.setAutoCommit(auto);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("demo load failed: " + e.getMessage(), e);
        }
    }

    /** True when a demo (or any data) has been loaded: region (or incident / incident_daily) has rows. */
    public static boolean isLoaded(DataSource ds) {
        try (Connection c = ds.getConnection()) {
            return hasRegions(c);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot check for loaded data: " + e.getMessage(), e);
        }
    }

    /** Non-unique, non-constraint indexes of the big tables: dropped for the COPY, rebuilt after it. */
    private static List<String[]> secondaryIndexes(Connection c) throws SQLException {
        List<String[]> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(SqlResource.read("bulk_indexes.sql"))) {
            ps.setArray(1, c.createArrayOf("text", BULK_TABLES));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new String[] {rs.getString(1), rs.getString(2)});
                }
            }
        }
        return out;
    }

    /** Foreign keys of all loaded tables and free-standing unique constraints of the big ones (see the .sql). */
    private static List<String[]> bulkConstraints(Connection c) throws SQLException {
        List<String[]> out = new ArrayList<>();
        String[] all = java.util.Arrays.stream(DemoTable.values()).map(DemoTable::tableName).toArray(String[]::new);
        try (PreparedStatement ps = c.prepareStatement(SqlResource.read("bulk_constraints.sql"))) {
            ps.setArray(1, c.createArrayOf("text", all));
            ps.setArray(2, c.createArrayOf("text", BULK_TABLES));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new String[] {rs.getString(1), rs.getString(2), rs.getString(3)});
                }
            }
        }
        return out;
    }

    private static String quote(String identifier) {
        return '"' + identifier.replace("\"", "\"\"") + '"';
    }

    private static boolean hasRegions(Connection c) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
                "SELECT EXISTS (SELECT 1 FROM region) OR EXISTS (SELECT 1 FROM incident) OR EXISTS (SELECT 1 FROM incident_daily)")) {
            rs.next();
            return rs.getBoolean(1);
        }
    }
}
