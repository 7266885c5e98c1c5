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
import java.util.HexFormat;
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
 * PostgreSQL parses the previous buffer, so generation and ingestion overlap on two cores. The
 * statement-level incident_daily triggers stay enabled (COPY fires them once per statement), so
 * the pre-aggregation is exact when the load commits. Sequences are moved past the loaded ids and
 * statistics refreshed before commit; one dataset_load row records profile, seed, checksum and counts.
 */
public final class DemoLoader {

    /** The seed the CLI and the README use unless told otherwise. */
    public static final long DEFAULT_SEED = 20261126L;
    private static final Logger log = LoggerFactory.getLogger(DemoLoader.class);

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
                }
                PGConnection pg = c.unwrap(PGConnection.class);
                MessageDigest digest = DemoDistrictGenerator.sha256();
                Map<String, Long> counts = new DemoDistrictGenerator(profile, seed).generate(table -> {
                    log.debug("demo: copying {}", table.tableName());
                    try {
                        return new DigestOutputStream(new PGCopyOutputStream(pg, table.copySql(), 1 << 17), digest);
                    } catch (SQLException e) {
                        throw new IOException("COPY " + table.tableName() + " failed: " + e.getMessage(), e);
                    }
                });
                String checksum = HexFormat.of().formatHex(digest.digest());
                try (Statement s = c.createStatement()) {
                    s.execute(SqlResource.read("after_load.sql"));
                }
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

    /** True when a demo (or any data) has been loaded: region has rows. */
    public static boolean isLoaded(DataSource ds) {
        try (Connection c = ds.getConnection()) {
            return hasRegions(c);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot check for loaded data: " + e.getMessage(), e);
        }
    }

    private static boolean hasRegions(Connection c) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT EXISTS (SELECT 1 FROM region)")) {
            rs.next();
            return rs.getBoolean(1);
        }
    }
}
