package org.gridlens.geodata.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Optional;
import org.gridlens.geodata.testing.TestDatabase;
import org.junit.jupiter.api.Test;

/** The provisioning order of the brief, on the real local PostgreSQL binaries. */
class ProvisioningTest {

    private static DatabaseProvisioner.Settings settings(Optional<String> url, Optional<Path> dataDir) {
        DatabaseTarget t = TestDatabase.server().target();
        return new DatabaseProvisioner.Settings(url, t.user(), t.password(), dataDir, "postgres", false);
    }

    @Test
    void a_configured_url_is_used_as_is_and_nothing_is_started() {
        String url = TestDatabase.server().target().jdbcUrl();
        try (ProvisionedDatabase p = new DatabaseProvisioner(settings(Optional.of(url), Optional.empty()),
                () -> { throw new AssertionError("docker must not be probed when a URL is set"); },
                () -> { throw new AssertionError("binaries must not be probed when a URL is set"); }).provision()) {
            assertThat(p.target().origin()).isEqualTo(DatabaseTarget.Origin.CONFIGURED_URL);
            assertThat(p.target().jdbcUrl()).isEqualTo(url);
            assertThat(p.cluster()).isEmpty();
        }
    }

    @Test
    void without_url_or_docker_a_private_cluster_with_postgis_and_checksums_is_created() throws Exception {
        try (ProvisionedDatabase p = new DatabaseProvisioner(settings(Optional.empty(), Optional.empty()),
                () -> false, PostgresBinaries::locate).provision()) {
            assertThat(p.target().origin()).isEqualTo(DatabaseTarget.Origin.PRIVATE_CLUSTER);
            assertThat(p.target().jdbcUrl()).startsWith("jdbc:postgresql://127.0.0.1:");
            try (Connection c = DriverManager.getConnection(p.target().jdbcUrl(), p.target().user(), p.target().password());
                 Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT current_setting('data_checksums'), postgis_version(),"
                         + " current_setting('listen_addresses')")) {
                rs.next();
                assertThat(rs.getString(1)).isEqualTo("on");
                assertThat(rs.getString(2)).isNotBlank();
                assertThat(rs.getString(3)).isEqualTo("127.0.0.1");
            }
        }
    }

    @Test
    void a_kept_cluster_survives_a_restart_and_a_second_user_of_its_folder_is_refused() throws Exception {
        Path parent = Files.createTempDirectory("gridlens-kept-");
        Files.setPosixFilePermissions(parent, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
        Path dataDir = parent.resolve("pg");
        PostgresBinaries bin = PostgresBinaries.locate().orElseThrow();
        PrivateCluster first = PrivateCluster.startPersistent(bin, dataDir, "postgres");
        try {
            try (Connection c = DriverManager.getConnection(first.target().jdbcUrl(), first.target().user(), first.target().password());
                 Statement s = c.createStatement()) {
                s.execute("CREATE TABLE kept(x int); INSERT INTO kept VALUES (42)");
            }
            assertThatThrownBy(() -> PrivateCluster.startPersistent(bin, dataDir, "postgres"))
                    .isInstanceOf(ProvisioningException.class)
                    .hasMessageContaining("already using the database folder");
            first.close();
            PrivateCluster again = PrivateCluster.startPersistent(bin, dataDir, "postgres");
            try (Connection c = DriverManager.getConnection(again.target().jdbcUrl(), again.target().user(), again.target().password());
                 Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT x FROM kept")) {
                rs.next();
                assertThat(rs.getInt(1)).isEqualTo(42);
            } finally {
                again.close();
            }
        } finally {
            first.close();
            deleteTree(parent);
        }
    }

    @Test
    void with_nothing_available_the_message_names_the_package_to_install() {
        assertThatThrownBy(() -> new DatabaseProvisioner(settings(Optional.empty(), Optional.empty()),
                () -> false, Optional::empty).provision())
                .isInstanceOf(ProvisioningException.class)
                .hasMessageContaining("apt-get install postgresql-15-postgis-3")
                .hasMessageContaining("GRIDLENS_DB_URL");
        PostgresBinaries noPostgis = new PostgresBinaries(Path.of("/usr/lib/postgresql/15/bin"), Path.of("/nonexistent"));
        assertThatThrownBy(() -> new DatabaseProvisioner(settings(Optional.empty(), Optional.empty()),
                () -> false, () -> Optional.of(noPostgis)).provision())
                .hasMessageContaining("PostGIS is not");
    }

    static void deleteTree(Path root) throws Exception {
        try (var walk = Files.walk(root)) {
            walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
