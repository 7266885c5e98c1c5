package org.gridlens.geodata.db;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.postgresql.PostgreSQLContainer;
import org.testcontainers.utility.DockerImageName;

/**
 * A PostGIS database in a Docker container (Testcontainers), used when a Docker engine answers and no
 * URL is configured. The image tag is pinned so every developer and CI runs the same PostGIS.
 */
public final class ContainerDatabase implements AutoCloseable {

    /** Pinned image: PostgreSQL 15 with PostGIS 3.4, the same major versions as Debian 12's packages. */
    public static final String IMAGE = "postgis/postgis:15-3.4";

    private static final Logger log = LoggerFactory.getLogger(ContainerDatabase.class);
    private final PostgreSQLContainer container;

    private ContainerDatabase(PostgreSQLContainer container) {
        this.container = container;
    }

    /**
     * True when a Docker engine answers; never throws. Without DOCKER_HOST, a Testcontainers config or
     * a known Docker socket there is nothing to ask, so the answer is "no" without Testcontainers'
     * error log.
     */
    public static boolean dockerAnswers() {
        boolean configured = System.getenv("DOCKER_HOST") != null
                || java.nio.file.Files.exists(java.nio.file.Path.of("/var/run/docker.sock"))
                || java.nio.file.Files.exists(java.nio.file.Path.of(System.getProperty("user.home"), ".docker/run/docker.sock"))
                || java.nio.file.Files.exists(java.nio.file.Path.of(System.getProperty("user.home"), ".testcontainers.properties"));
        if (!configured) {
            return false;
        }
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException | LinkageError e) {
            return false;
        }
    }

    public static ContainerDatabase start() {
        PostgreSQLContainer c = new PostgreSQLContainer(
                DockerImageName.parse(IMAGE).asCompatibleSubstituteFor("postgres"))
                .withDatabaseName("gridlens").withUsername("gridlens").withPassword("gridlens")
                .withCommand("postgres", "-c", "shared_buffers=512MB", "-c", "max_connections=200", "-c", "jit=off");
        c.start();
        log.info("started PostGIS container {} at {}", IMAGE, c.getJdbcUrl());
        return new ContainerDatabase(c);
    }

    public DatabaseTarget target() {
        return new DatabaseTarget(container.getJdbcUrl(), container.getUsername(), container.getPassword(),
                DatabaseTarget.Origin.TESTCONTAINERS);
    }

    @Override
    public void close() {
        container.stop();
    }
}
