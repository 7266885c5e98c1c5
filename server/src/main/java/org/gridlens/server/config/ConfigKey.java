package org.gridlens.server.config;

import java.util.Objects;

/**
 * One documented configuration key.
 *
 * @param name         dotted lower-case name, e.g. {@code http.port}; the flag is {@code --http.port=…},
 *                     the environment variable {@code GRIDLENS_HTTP_PORT}
 * @param defaultValue value when no source sets it ("" for unset)
 * @param description  one sentence for {@code gridlens config} and the README
 * @param secret       whether the value is masked in logs
 */
public record ConfigKey(String name, String defaultValue, String description, boolean secret) {

    public ConfigKey {
        Objects.requireNonNull(defaultValue, "defaultValue");
        if (name == null || !name.matches("[a-z][a-z0-9]*(\\.[a-z][a-z0-9-]*)+")) {
            throw new IllegalArgumentException("config key names are dotted lower-case words, not " + name);
        }
        if (description == null || description.isBlank()) {
            throw new IllegalArgumentException("config key " + name + " needs a description");
        }
    }

    /** The environment variable that sets this key: {@code GRIDLENS_} + upper-case name, dots and dashes as underscores. */
    public String envName() {
        return "GRIDLENS_" + name.toUpperCase(java.util.Locale.ROOT).replace('.', '_').replace('-', '_');
    }
}
