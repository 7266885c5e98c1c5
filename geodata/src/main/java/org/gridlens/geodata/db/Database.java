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
    private final Flyway flyway;

    private Database(DatabaseTarget target, HikariDataSource dataSource) {
        this.target = target;
        this.dataSource = dataSource;
        this.flyway = Flyway.configure()
                .dataSource(dataSource)
                .locations("classpath:db/migration")
                .validateMigrationNaming(true)
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
        return new Database(target, new HikariDataSource(cfg));
    }

    public DataSource dataSource() {
        return dataSource;
    }

    public DatabaseTarget target() {
        return target;
    }

    /** Applies pending migrations; fails with a one-line reason when the database cannot be reached. */
    public MigrateResult migrate() {
        MigrateResult r = flyway.migrate();
        log.info("schema at version {} ({} migration(s) applied now)", r.targetSchemaVersion == null
                ? flyway.info().current().getVersion() : r.targetSchemaVersion, r.migrationsExecuted);
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
        dataSource.close();
    }
}
