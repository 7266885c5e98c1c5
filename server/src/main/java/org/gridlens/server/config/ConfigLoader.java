package org.gridlens.server.config;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds the effective configuration from, in rising precedence: the defaults in {@link ConfigKeys},
 * a properties file ({@code --config=FILE}, or {@code ./gridlens.properties} when present), environment
 * variables ({@code GRIDLENS_*}) and {@code --key=value} flags.
 *
 * <p>Unknown flags are errors (a typo on the command line must not be silently ignored); unknown keys in
 * the file are warned about. The environment is read through a map so tests can supply their own.
 */
public final class ConfigLoader {

    private static final Logger log = LoggerFactory.getLogger(ConfigLoader.class);
    public static final Path DEFAULT_FILE = Path.of("gridlens.properties");

    private ConfigLoader() {
    }

    /**
     * @param flags {@code --key=value} arguments (other arguments are the caller's business)
     * @param env   the process environment, or a test's
     */
    public static GridLensConfig load(List<String> flags, Map<String, String> env) {
        Map<String, ConfigValue> values = new LinkedHashMap<>();
        for (ConfigKey k : ConfigKeys.ALL) {
            values.put(k.name(), new ConfigValue(k, k.defaultValue(), "default"));
        }
        Map<String, String> flagValues = parseFlags(flags);
        Path file = flagValues.containsKey("config") ? Path.of(flagValues.remove("config")) : null;
        if (file == null && Files.isRegularFile(DEFAULT_FILE)) {
            file = DEFAULT_FILE;
        }
        if (file != null) {
            Properties p = new Properties();
            try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                p.load(r);
            } catch (IOException e) {
                throw new ConfigException("cannot read config file " + file + ": " + e.getMessage());
            }
            for (String name : p.stringPropertyNames()) {
                ConfigKey k = ConfigKeys.byName(name);
                if (k == null) {
                    log.warn("config file {}: unknown key '{}' ignored", file, name);
                    continue;
                }
                values.put(name, new ConfigValue(k, p.getProperty(name).trim(), "file " + file));
            }
        }
        for (ConfigKey k : ConfigKeys.ALL) {
            String v = env.get(k.envName());
            if (v != null) {
                values.put(k.name(), new ConfigValue(k, v.trim(), "env " + k.envName()));
            }
        }
        for (Map.Entry<String, String> f : flagValues.entrySet()) {
            ConfigKey k = ConfigKeys.byName(f.getKey());
            if (k == null) {
                throw new ConfigException("unknown option --" + f.getKey() + " (see 'gridlens config' for every key)");
            }
            values.put(k.name(), new ConfigValue(k, f.getValue(), "flag"));
        }
        return GridLensConfig.from(values);
    }

    private static Map<String, String> parseFlags(List<String> flags) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String a : flags) {
            if (!a.startsWith("--")) {
                throw new ConfigException("unexpected argument '" + a + "'; options look like --key=value");
            }
            int eq = a.indexOf('=');
            if (eq < 0) {
                throw new ConfigException("option " + a + " needs a value: " + a + "=…");
            }
            out.put(a.substring(2, eq), a.substring(eq + 1));
        }
        return out;
    }

    /** One line per key, for the start-up log and {@code gridlens config}. */
    public static List<String> describe(GridLensConfig config) {
        List<String> lines = new ArrayList<>();
        for (ConfigValue v : config.values().values()) {
            lines.add(String.format("%-26s = %-24s (%s)", v.key().name(), v.printable(), v.source()));
        }
        return lines;
    }
}
