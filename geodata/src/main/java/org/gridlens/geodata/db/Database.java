package org.gridlens.geodata.db;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.metrics.micrometer.MicrometerMetricsTrackerFactory;
import io.micrometer.core.instrument.MeterRegistry;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.output.MigrateResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The pooled connection to GridLens's PostGIS database and its schema migrations (Flyway,
 * {@code classpath:db/migration}).
 *
 * <p>The pool never blocks longer than {@link PoolSettings#connectionTimeout()}; a lost database
 * surfaces as {@link java.sql.SQLTransientConnectionException} which callers map to "unavailable".
 * When the database comes back the pool reconnects by itself.
 */
public final class Database implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Database.class);
    private final DatabaseTarget target;
    private final HikariDataSource dataSource;
    private final DataSource scoped;
    private final Flyway flyway;
    private final PoolSettings pool;
    private volatile HikariDataSource readOnly;
    private volatile DataSource readOnlyScoped;
    private final List<HikariDataSource> extraPools = new ArrayList<>();

    private Database(DatabaseTarget target, HikariDataSource dataSource, PoolSettings pool) {
        this.target = target;
        this.dataSource = dataSource;
        this.scoped = new TimeoutScopedDataSource(dataSource, pool.statementTimeout());
        this.pool = pool;
        this.flyway = Flyway.configure()
                // Its own connection, outside the pool: a migration over a loaded district may run for
                // minutes and must not inherit the pool's statement timeout (nor leave settings behind).
                .dataSource(target.jdbcUrl(), target.user(), target.password())
                .initSql("SET statement_timeout = 0; SET TIME ZONE 'Asia/Shanghai'")
                .locations("classpath:db/migration")
                .validateMigrationNaming(true)
                // Each concern owns a version range (ARCHITECTURE.md), so a release can bring a migration
                // below the highest applied one (V21 after V50); they are independent by construction.
                .outOfOrder(true)
                .load();
    }

    /** Opens a pool to {@code target}; does not connect yet (see {@link #migrate()}). */
    public static Database open(DatabaseTarget target, PoolSettings pool, MeterRegistry metrics) {
        HikariConfig cfg = new HikariConfig();
        cfg.setPoolName("gridlens");
        cfg.setJdbcUrl(target.jdbcUrl());
        cfg.setUsername(target.user());
        cfg.setPassword(target.password());
        cfg.setMaximumPoolSize(pool.maxSize());
        cfg.setMinimumIdle(Math.min(2, pool.maxSize()));
        cfg.setConnectionTimeout(pool.connectionTimeout().toMillis());
        cfg.setValidationTimeout(Math.min(1000, pool.connectionTimeout().toMillis() - 50));
        cfg.setInitializationFailTimeout(-1);
        cfg.addDataSourceProperty("ApplicationName", "gridlens");
        cfg.addDataSourceProperty("connectTimeout", String.valueOf(Math.max(1, pool.connectionTimeout().toSeconds())));
        cfg.addDataSourceProperty("socketTimeout", String.valueOf(pool.socketTimeout().toSeconds()));
        cfg.addDataSourceProperty("tcpKeepAlive", "true");
        cfg.addDataSourceProperty("reWriteBatchedInserts", "true");
        cfg.setConnectionInitSql("SET statement_timeout = " + pool.statementTimeout().toMillis()
                + "; SET TIME ZONE 'Asia/Shanghai'");
        if (metrics != null) {
            cfg.setMetricsTrackerFactory(new MicrometerMetricsTrackerFactory(metrics));
        }
        return new Database(target, new HikariDataSource(cfg), pool);
    }

    /**
     * The read-write pool. Connections taken inside a {@link StatementTimeouts} scope run under that
     * scope's statement timeout; {@code unwrap(HikariDataSource.class)} reaches the pool itself.
     */
    public DataSource dataSource() {
        return scoped;
    }

    /**
     * A pool for read routes that logs in as the {@code gridlens_reader} role (SELECT only, credentials
     * excluded; migration V50) and runs read-only transactions: a write through it fails even if a query
     * were subverted, and {@code RESET ROLE} cannot widen it. The role's password is derived from the
     * main credentials (HMAC-SHA256), so every server sharing the database sets the same one.
     * Where the main user may not manage roles, the pool falls back to {@code SET ROLE gridlens_reader}
     * with a warning (weaker: a subverted session could reset the role; the read-only transaction remains).
     * Created on first use, after migrations.
     */
    public DataSource readOnly() {
        DataSource ro = readOnlyScoped;
        if (ro == null) {
            synchronized (this) {
                ro = readOnlyScoped;
                if (ro == null) {
                    readOnly = readerPool("gridlens-read", pool.maxSize(), "SET statement_timeout = "
                            + pool.statementTimeout().toMillis());
                    ro = new TimeoutScopedDataSource(readOnly, pool.statementTimeout());
                    readOnlyScoped = ro;
                }
            }
        }
        return ro;
    }

    /**
     * Another pool like {@link #readOnly()} ({@code gridlens_reader}, read-only, autocommit) whose sessions
     * carry {@code settings} from the moment the pool opens them: a borrower runs each statement in one
     * round trip, with no per-use {@code SET}. Connections are not affected by {@link StatementTimeouts}
     * scopes (the pool's own timeout is the point). The caller may close it ({@link AutoCloseable}) when done;
     * it is closed with this database at the latest.
     */
    public synchronized DataSource readOnlyPool(ReadPoolSettings settings) {
        HikariDataSource p = readerPool(settings.name(), settings.maxSize(), settings.initSql());
        extraPools.removeIf(HikariDataSource::isClosed);
        extraPools.add(p);
        return p;
    }

    /** A pool logging in as gridlens_reader in read-only sessions, then running {@code init}. */
    private HikariDataSource readerPool(String name, int maxSize, String init) {
        HikariConfig cfg = new HikariConfig();
        dataSource.copyStateTo(cfg);
        cfg.setPoolName(name);
        cfg.setMaximumPoolSize(maxSize);
        cfg.setMinimumIdle(Math.min(2, maxSize));
        cfg.setMetricsTrackerFactory(null);
        cfg.setMetricRegistry(null);
        String sql = "SET default_transaction_read_only = on; " + init + "; SET TIME ZONE 'Asia/Shanghai'";
        String readerPassword = readerPassword();
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.execute("ALTER ROLE gridlens_reader WITH LOGIN PASSWORD '" + readerPassword + "'");
            cfg.setUsername("gridlens_reader");
            cfg.setPassword(readerPassword);
        } catch (SQLException e) {
            log.warn("cannot give gridlens_reader a login ({}); pool {} uses SET ROLE instead", e.getMessage(), name);
            sql = "SET ROLE gridlens_reader; " + sql;
        }
        cfg.setConnectionInitSql(sql);
        return new HikariDataSource(cfg);
    }

    private String readerPassword() {
        try {
            javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
            String key = (target.password() == null || target.password().isEmpty()) ? target.jdbcUrl() : target.password();
            mac.init(new javax.crypto.spec.SecretKeySpec(key.getBytes(java.nio.charset.StandardCharsets.UTF_8), "HmacSHA256"));
            return java.util.HexFormat.of().formatHex(mac.doFinal("gridlens_reader".getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    public DatabaseTarget target() {
        return target;
    }

    /** Applies pending migrations; fails with a one-line reason when the database cannot be reached. */
    public MigrateResult migrate() {
        MigrateResult r = flyway.migrate();
        MigrationInfo current = flyway.info().current();
        log.info("schema at version {} ({} migration(s) applied now)", current == null ? "none" : current.getVersion(),
                r.migrationsExecuted);
        return r;
    }

    /** Migrations known to this build that the database has not applied. */
    public List<String> pendingMigrations() {
        List<String> out = new ArrayList<>();
        for (MigrationInfo m : flyway.info().pending()) {
            out.add(m.getVersion() + " " + m.getDescription());
        }
        return out;
    }

    /** True when a trivial query answers within the pool's timeouts. */
    public boolean reachable() {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.setQueryTimeout(2);
            try (ResultSet rs = s.executeQuery("SELECT 1")) {
                return rs.next();
            }
        } catch (SQLException e) {
            return false;
        }
    }

    @Override
    public void close() {
        synchronized (this) {
            extraPools.forEach(HikariDataSource::close);
        }
        if (readOnly != null) {
            readOnly.close();
        }
        dataSource.close();
    }
}
