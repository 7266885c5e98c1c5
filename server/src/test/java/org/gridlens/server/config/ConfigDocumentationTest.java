package org.gridlens.server.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The README's configuration table documents exactly the keys the server reads, with their defaults. */
class ConfigDocumentationTest {

    @Test
    void every_key_is_in_the_readme_with_its_default_and_description() throws Exception {
        Path readme = Path.of(System.getProperty("gridlens.repo", ".."), "README.md");
        List<String> lines = Files.readAllLines(readme);
        for (ConfigKey k : ConfigKeys.ALL) {
            String expected = "| `" + k.name() + "` | " + (k.defaultValue().isEmpty() ? "" : "`" + k.defaultValue() + "` ")
                    + "| " + k.description() + " |";
            assertThat(lines).as("README row for " + k.name()).contains(expected);
        }
        long rows = lines.stream().filter(l -> l.matches("\\| `[a-z]+\\.[a-z0-9.-]+` \\|.*")).count();
        assertThat(rows).as("README documents keys that do not exist").isEqualTo(ConfigKeys.ALL.size());
    }
}
