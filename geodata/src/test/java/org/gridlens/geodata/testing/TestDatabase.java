package org.gridlens.geodata.testing;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.gridlens.geodata.db.Database;
import org.gridlens.geodata.db.DatabaseProvisioner;
import org.gridlens.geodata.db.DatabaseTarget;
import org.gridlens.geodata.db.PoolSettings;
import org.gridlens.geodata.db.ProvisionedDatabase;

/**
 * The real PostGIS that tests run against, provisioned once per test JVM exactly as the server does
 * (GRIDLENS_DB_URL, else Docker, else a throwaway private cluster). A missing database fails the test
 * with the provisioning message; nothing is ever skipped.
 *
 * <p>{@link #freshDatabase(String)} hands each test class its own migrated database, cloned from a
 * migrated template, so tests can change data without seeing each other.
 */
public final class TestDatabase {

    private static ProvisionedDatabase provisioned;
    private static final AtomicInteger counter = new AtomicInteger();
    private static boolean templateReady;

    private TestDatabase() {
    }

    /** The provisioned server (started on first use, stopped when the JVM exits). */
    public static synchronized ProvisionedDatabase server() {
        if (provisioned == null) {
            String url = System.getenv("GRIDLENS_DB_URL");
            DatabaseProvisioner.Settings s = new DatabaseProvisioner.Settings(
                    Optional.ofNullable(url).filter(u -> !u.isBlank()),
                    Optional.ofNullable(System.getenv("GRIDLENS_DB_USER")).orElse("gridlens"),
                    Optional.ofNullable(System.getenv("GRIDLENS_DB_PASSWORD")).orElse(""),
                    Optional.empty(),
                    Optional.ofNullable(System.getenv("GRIDLENS_DB_CLUSTER_USER")).orElse("postgres"),
                    !"false".equals(System.getenv("GRIDLENS_DB_DOCKER")));
            provisioned = new DatabaseProvisioner(s).provision();
            ProvisionedDatabase p = provisioned;
            Runtime.getRuntime().addShutdownHook(new Thread(p::close, "test-db-shutdown"));
        }
        return provisioned;
    }

    /**
     * A new, migrated, empty database with a unique name derived from {@code label}, opened with a
     * small pool. Close it when done (the database itself is dropped with the throwaway cluster).
     */
    public static synchronized Database freshDatabase(String label) {
        DatabaseTarget base = server().target();
        ensureTemplate(base);
        String name = ("t_" + label.replaceAll("[^A-Za-z0-9]", "_") + "_" + counter.incrementAndGet()).toLowerCase();
        if (name.length() > 60) {
            name = name.substring(0, 50) + "_" + counter.get();
        }
        exec(base, "postgres", "CREATE DATABASE " + name + " TEMPLATE gridlens_template");
        DatabaseTarget t = new DatabaseTarget(withDatabase(base.jdbcUrl(), name), base.user(), base.password(), base.origin());
        Database db = Database.open(t, new PoolSettings(8, java.time.Duration.ofSeconds(5),
                java.time.Duration.ofSeconds(300), java.time.Duration.ofSeconds(240)), null);
        db.migrate();
        return db;
    }

    private static void ensureTemplate(DatabaseTarget base) {
        if (templateReady) {
            return;
        }
        exec(base, "postgres", "DROP DATABASE IF EXISTS gridlens_template");
        exec(base, "postgres", "CREATE DATABASE gridlens_template");
        DatabaseTarget t = new DatabaseTarget(withDatabase(base.jdbcUrl(), "gridlens_template"), base.user(),
                base.password(), base.origin());
        try (Database db = Database.open(t, PoolSettings.DEFAULTS, null)) {
            db.migrate();
        }
        templateReady = true;
    }

    /** Replaces the database name in a {@code jdbc:postgresql://host:port/db?params} URL. */
    public static String withDatabase(String jdbcUrl, String database) {
        return jdbcUrl.replaceFirst("^(jdbc:postgresql://[^/]+/)[^?]*", "$1" + database);
    }

    private static void exec(DatabaseTarget base, String database, String sql) {
        try (Connection c = DriverManager.getConnection(withDatabase(base.jdbcUrl(), database), base.user(), base.password());
             Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("test database setup failed: " + sql + ": " + e.getMessage(), e);
        }
    }
}
