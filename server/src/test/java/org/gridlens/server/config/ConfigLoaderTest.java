package org.gridlens.server.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {

    @TempDir
    Path dir;

    @Test
    void defaults_apply_when_nothing_is_set() {
        GridLensConfig c = ConfigLoader.load(List.of(), Map.of());
        assertThat(c.httpPort()).isEqualTo(8080);
        assertThat(c.database().url()).isEmpty();
        assertThat(c.values().get("http.port").source()).isEqualTo("default");
    }

    @Test
    void file_then_environment_then_flags_each_override_the_previous() throws Exception {
        Path file = dir.resolve("g.properties");
        Files.writeString(file, "http.port=9001\nhttp.host=0.0.0.0\ndb.pool-size=4\n");
        GridLensConfig c = ConfigLoader.load(List.of("--config=" + file, "--http.port=9003"),
                Map.of("GRIDLENS_HTTP_PORT", "9002", "GRIDLENS_DB_POOL_SIZE", "5"));
        assertThat(c.httpPort()).isEqualTo(9003);
        assertThat(c.values().get("http.port").source()).isEqualTo("flag");
        assertThat(c.pool().maxSize()).isEqualTo(5);
        assertThat(c.values().get("db.pool-size").source()).isEqualTo("env GRIDLENS_DB_POOL_SIZE");
        assertThat(c.httpHost()).isEqualTo("0.0.0.0");
        assertThat(c.values().get("http.host").source()).startsWith("file ");
    }

    @Test
    void the_database_url_comes_from_GRIDLENS_DB_URL() {
        GridLensConfig c = ConfigLoader.load(List.of(), Map.of("GRIDLENS_DB_URL", "jdbc:postgresql://db:5432/x",
                "GRIDLENS_DB_PASSWORD", "s3cret"));
        assertThat(c.database().url()).contains("jdbc:postgresql://db:5432/x");
        assertThat(ConfigLoader.describe(c)).noneMatch(l -> l.contains("s3cret"));
    }

    @Test
    void unknown_flags_and_malformed_values_fail_with_the_key_named() {
        assertThatThrownBy(() -> ConfigLoader.load(List.of("--http.prot=1"), Map.of()))
                .isInstanceOf(ConfigException.class).hasMessageContaining("--http.prot");
        assertThatThrownBy(() -> ConfigLoader.load(List.of("--http.port=eighty"), Map.of()))
                .isInstanceOf(ConfigException.class).hasMessageContaining("http.port");
        assertThatThrownBy(() -> ConfigLoader.load(List.of(), Map.of("GRIDLENS_DB_DOCKER", "maybe")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("db.docker");
        assertThatThrownBy(() -> ConfigLoader.load(List.of("--log.format=xml"), Map.of()))
                .isInstanceOf(ConfigException.class).hasMessageContaining("log.format");
    }

    @Test
    void every_key_is_documented_and_maps_to_an_environment_variable() {
        for (ConfigKey k : ConfigKeys.ALL) {
            assertThat(k.description()).isNotBlank();
            assertThat(k.envName()).matches("GRIDLENS_[A-Z0-9_]+");
        }
    }
}
