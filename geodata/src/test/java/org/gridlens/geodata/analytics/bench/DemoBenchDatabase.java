package org.gridlens.geodata.analytics.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import javax.sql.DataSource;
import org.gridlens.geodata.db.Database;
import org.gridlens.geodata.db.DatabaseProvisioner;
import org.gridlens.geodata.db.PoolSettings;
import org.gridlens.geodata.db.ProvisionedDatabase;
import org.gridlens.geodata.demo.DemoLoader;
import org.gridlens.geodata.demo.DemoProfile;

/**
 * A demo district for an analytics benchmark, on a private cluster under a directory of its own that
 * is kept between runs: provisioned, migrated, and loaded only when it holds no demo yet (the load
 * time is printed then). Four connections with long timeouts, for long analytics statements.
 */
final class DemoBenchDatabase implements AutoCloseable {

    private final ProvisionedDatabase provisioned;
    private final Database database;

    private DemoBenchDatabase(ProvisionedDatabase provisioned, Database database) {
        this.provisioned = provisioned;
        this.database = database;
    }

    /** Opens (and on first use loads) the {@code profile} demo district in the cluster under {@code dir}. */
    static DemoBenchDatabase open(DemoProfile profile, Path dir) {
        DatabaseProvisioner.Settings s = new DatabaseProvisioner.Settings(Optional.empty(), "gridlens", "", Optional.of(dir),
                "postgres", false);
        ProvisionedDatabase p = new DatabaseProvisioner(s).provision();
        try {
            Database db = Database.open(p.target(), new PoolSettings(4, Duration.ofSeconds(10), Duration.ofMinutes(30),
                    Duration.ofMinutes(10)), null);
            try {
                db.migrate();
                if (!DemoLoader.isLoaded(db.dataSource())) {
                    System.out.println("loading the " + profile.label() + " demo (once) …");
                    System.out.println(new DemoLoader(db.dataSource()).load(profile, DemoLoader.DEFAULT_SEED).elapsed());
                }
                return new DemoBenchDatabase(p, db);
            } catch (RuntimeException e) {
                db.close();
                throw e;
            }
        } catch (RuntimeException e) {
            p.close();
            throw e;
        }
    }

    DataSource dataSource() {
        return database.dataSource();
    }

    /** Closes the pool, then the provisioned cluster (as try-with-resources closed them in reverse order). */
    @Override
    public void close() {
        try {
            database.close();
        } finally {
            provisioned.close();
        }
    }
}
