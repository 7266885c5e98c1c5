package org.gridlens.geodata.db;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds a PostGIS database the same way for the server, the CLI and the tests:
 * <ol>
 *   <li>a configured URL ({@code GRIDLENS_DB_URL} + user/password) when set;</li>
 *   <li>else a {@link ContainerDatabase} when a Docker engine answers (skipped when {@code useDocker} is off);</li>
 *   <li>else a {@link PrivateCluster} from the local PostgreSQL binaries, kept in {@code dataDir} or,
 *       for tests, in a throwaway folder;</li>
 *   <li>else a {@link ProvisioningException} whose message names the package to install.</li>
 * </ol>
 */
public final class DatabaseProvisioner {

    private static final Logger log = LoggerFactory.getLogger(DatabaseProvisioner.class);

    /**
     * What the provisioner may use.
     *
     * @param url         configured JDBC URL, empty for automatic provisioning
     * @param user        user for the configured URL
     * @param password    password for the configured URL
     * @param dataDir     data folder of a kept private cluster; empty for a throwaway one
     * @param clusterUser unprivileged OS user that runs a private cluster when GridLens runs as root
     * @param useDocker   whether to try Testcontainers before local binaries
     */
    public record Settings(Optional<String> url, String user, String password, Optional<Path> dataDir,
                           String clusterUser, boolean useDocker) {
        public Settings {
            Objects.requireNonNull(url, "url");
            Objects.requireNonNull(dataDir, "dataDir");
            if (clusterUser == null || clusterUser.isBlank()) {
                throw new IllegalArgumentException("clusterUser must name a system user");
            }
        }
    }

    private final Settings settings;
    private final java.util.function.BooleanSupplier dockerProbe;
    private final java.util.function.Supplier<Optional<PostgresBinaries>> binariesProbe;

    public DatabaseProvisioner(Settings settings) {
        this(settings, ContainerDatabase::dockerAnswers, PostgresBinaries::locate);
    }

    /** For tests: the Docker and binaries probes can be replaced. */
    DatabaseProvisioner(Settings settings, java.util.function.BooleanSupplier dockerProbe,
                        java.util.function.Supplier<Optional<PostgresBinaries>> binariesProbe) {
        this.settings = settings;
        this.dockerProbe = dockerProbe;
        this.binariesProbe = binariesProbe;
    }

    public ProvisionedDatabase provision() {
        if (settings.url().isPresent()) {
            DatabaseTarget t = new DatabaseTarget(settings.url().get(), settings.user(), settings.password(),
                    DatabaseTarget.Origin.CONFIGURED_URL);
            log.info("database: using configured URL {}", t.redactedUrl());
            return new ProvisionedDatabase(t, null, null);
        }
        if (settings.useDocker() && dockerProbe.getAsBoolean()) {
            log.info("database: no URL configured, Docker answers: starting {}", ContainerDatabase.IMAGE);
            ContainerDatabase c = ContainerDatabase.start();
            return new ProvisionedDatabase(c.target(), null, c);
        }
        Optional<PostgresBinaries> binaries = binariesProbe.get();
        if (binaries.isEmpty()) {
            throw new ProvisioningException(missingMessage("no PostgreSQL server binaries were found"));
        }
        if (!binaries.get().hasPostgis()) {
            throw new ProvisioningException(missingMessage("PostgreSQL is installed in " + binaries.get().binDir()
                    + " but PostGIS is not"));
        }
        log.info("database: no URL configured and no Docker engine; using a private cluster from {}", binaries.get().binDir());
        PrivateCluster cluster = settings.dataDir().isPresent()
                ? PrivateCluster.startPersistent(binaries.get(), settings.dataDir().get(), settings.clusterUser())
                : PrivateCluster.startThrowaway(binaries.get(), settings.clusterUser());
        return new ProvisionedDatabase(cluster.target(), cluster, null);
    }

    static String missingMessage(String what) {
        return "No PostGIS database: " + what + ". Install one with "
                + "'apt-get install " + PostgresBinaries.DEBIAN_POSTGIS_PACKAGE + "' (Debian/Ubuntu; the distro's current "
                + "postgresql-N-postgis-3 elsewhere), start Docker, or set GRIDLENS_DB_URL.";
    }
}
