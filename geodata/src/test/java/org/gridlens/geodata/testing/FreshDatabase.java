package org.gridlens.geodata.testing;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import javax.sql.DataSource;
import org.gridlens.geodata.db.Database;
import org.gridlens.geodata.db.DatabaseTarget;
import org.gridlens.geodata.db.PoolSettings;
import org.gridlens.geodata.db.PostgresBinaries;
import org.gridlens.geodata.db.PrivateCluster;
import org.gridlens.geodata.demo.DemoLoader;
import org.gridlens.geodata.demo.DemoProfile;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A test class's own migrated database, seeded with fixtures, opened before the class's first test and
 * closed after its last. A class declares it instead of repeating {@code @BeforeAll}/{@code @AfterAll}:
 *
 * <pre>{@code
 * @RegisterExtension
 * static final FreshDatabase db = FreshDatabase.named("importer").seededWith(RegionFixture::insert);
 * }</pre>
 *
 * <p>Seeds run in the order given, before any {@code @BeforeAll} method of the class, so those may use
 * {@link #dataSource()}. A server test registers the server over the database instead (server
 * {@code TestServer.over(db)}), which opens and closes it; register one or the other, not both.
 *
 * <p>Guarantees: {@link #named} databases come from {@link TestDatabase#freshDatabase(String)} (a clone
 * of the migrated template on the shared test server); {@link #onOwnCluster} starts a throwaway private
 * cluster for this class alone (for tests that stop the database) with a small fail-fast pool. Limits:
 * the accessors throw {@link IllegalStateException} before {@link #open()} and after {@link #close()};
 * a failing seed fails the class (nothing is skipped).
 */
public final class FreshDatabase implements BeforeAllCallback, AfterAllCallback {

    /** Fills a just-migrated database with a fixture. */
    @FunctionalInterface
    public interface Seed {
        void insert(DataSource ds) throws Exception;

        /** A seed that runs {@code sql} (one or more statements) on one connection. */
        static Seed sql(String sql) {
            Objects.requireNonNull(sql, "sql");
            return ds -> {
                try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
                    s.execute(sql);
                }
            };
        }
    }

    /** The pool of a database on its own cluster: four connections, two-second waits, so outages fail fast. */
    private static final PoolSettings OWN_CLUSTER_POOL = new PoolSettings(4, Duration.ofSeconds(2), Duration.ofSeconds(20),
            Duration.ofSeconds(10));

    private final String label;
    private final boolean ownCluster;
    private final List<Seed> seeds;
    private PrivateCluster cluster;
    private Database database;

    private FreshDatabase(String label, boolean ownCluster, List<Seed> seeds) {
        this.label = Objects.requireNonNull(label, "label");
        this.ownCluster = ownCluster;
        this.seeds = List.copyOf(seeds);
    }

    /** A database cloned from the migrated template on the shared test server; {@code label} names it. */
    public static FreshDatabase named(String label) {
        return new FreshDatabase(label, false, List.of());
    }

    /** A migrated database on a throwaway private cluster of its own, which the test may stop and start. */
    public static FreshDatabase onOwnCluster() {
        return new FreshDatabase("own cluster", true, List.of());
    }

    /** This database with one more seed, run after those given before. */
    public FreshDatabase seededWith(Seed seed) {
        List<Seed> all = new ArrayList<>(seeds);
        all.add(Objects.requireNonNull(seed, "seed"));
        return new FreshDatabase(label, ownCluster, all);
    }

    /** The {@code small} demo district ({@link DemoLoader#DEFAULT_SEED}), as a seed. */
    public static Seed smallDemo() {
        return ds -> new DemoLoader(ds).load(DemoProfile.SMALL, DemoLoader.DEFAULT_SEED);
    }

    /** Creates, migrates and seeds the database. */
    public synchronized void open() {
        if (database != null) {
            throw new IllegalStateException("database " + label + " is already open");
        }
        Database opened;
        if (ownCluster) {
            cluster = PrivateCluster.startThrowaway(PostgresBinaries.locate().orElseThrow(
                    () -> new IllegalStateException("no PostgreSQL binaries: install postgresql-15-postgis-3")), "postgres");
            opened = Database.open(cluster.target(), OWN_CLUSTER_POOL, null);
            opened.migrate();
        } else {
            opened = TestDatabase.freshDatabase(label);
        }
        database = opened;
        for (Seed seed : seeds) {
            try {
                seed.insert(opened.dataSource());
            } catch (Exception e) {
                throw new IllegalStateException("seeding database " + label + " failed: " + e.getMessage(), e);
            }
        }
    }

    /** Closes the pool, and stops the private cluster if there is one. */
    public synchronized void close() {
        try {
            if (database != null) {
                database.close();
            }
        } finally {
            database = null;
            if (cluster != null) {
                cluster.close();
                cluster = null;
            }
        }
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        open();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        close();
    }

    /** The open database. */
    public synchronized Database database() {
        if (database == null) {
            throw new IllegalStateException("database " + label + " is not open (register it with @RegisterExtension)");
        }
        return database;
    }

    /** The open database's pool. */
    public DataSource dataSource() {
        return database().dataSource();
    }

    /** Where the open database is. */
    public DatabaseTarget target() {
        return database().target();
    }

    /** The private cluster of an {@link #onOwnCluster()} database, to stop and start it. */
    public synchronized PrivateCluster cluster() {
        if (cluster == null) {
            throw new IllegalStateException("database " + label + " has no cluster of its own");
        }
        return cluster;
    }

    /** Runs {@code sql} (one or more statements, no result) on a pooled connection. */
    public void execute(String sql) throws SQLException {
        try (Connection c = dataSource().getConnection(); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    /** The first column of the first row {@code sql} returns, as a long (0 for NULL); no row is an error. */
    public long count(String sql) throws SQLException {
        try (Connection c = dataSource().getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** The first column of the first row {@code sql} returns, as text (null for NULL); no row is an error. */
    public String text(String sql) throws SQLException {
        try (Connection c = dataSource().getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }
}
