package org.gridlens.server.config;

/**
 * A key's effective value and where it came from.
 *
 * @param key    the key
 * @param value  the effective value
 * @param source "default", "file <path>", "env GRIDLENS_…" or "flag"
 */
public record ConfigValue(ConfigKey key, String value, String source) {

    /** The value as it may be logged: secrets masked. */
    public String printable() {
        return key.secret() && !value.isEmpty() ? "***" : value;
    }
}
