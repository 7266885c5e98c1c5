package org.gridlens.geodata.db;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Optional;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Provisioning path 2: Testcontainers PostGIS. Tagged {@code docker}: {@code ./gridlens test} runs it
 * when a Docker engine answers and excludes it (saying so) when none does. If it is run without Docker
 * it fails; it never skips.
 */
@Tag("docker")
class DockerProvisioningTest {

    @Test
    void when_docker_answers_a_pinned_postgis_container_is_used() throws Exception {
        var settings = new DatabaseProvisioner.Settings(Optional.empty(), "", "", Optional.empty(), "postgres", true);
        assertThat(ContainerDatabase.dockerAnswers()).as("a Docker engine must answer for this test").isTrue();
        try (ProvisionedDatabase p = new DatabaseProvisioner(settings).provision()) {
            assertThat(p.target().origin()).isEqualTo(DatabaseTarget.Origin.TESTCONTAINERS);
            try (Connection c = DriverManager.getConnection(p.target().jdbcUrl(), p.target().user(), p.target().password());
                 Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT postgis_version()")) {
                assertThat(rs.next()).isTrue();
            }
        }
    }
}
