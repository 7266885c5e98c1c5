package org.gridlens.geodata.db;

import java.util.Objects;

/**
 * Where a PostGIS database answers and how GridLens found it.
 *
 * @param jdbcUrl  a {@code jdbc:postgresql:} URL
 * @param user     role to connect as
 * @param password its password (never logged)
 * @param origin   how it was provisioned, for logs and {@code /health}
 */
public record DatabaseTarget(String jdbcUrl, String user, String password, Origin origin) {

    /** The provisioning path that produced a target, in the order they are tried. */
    public enum Origin { CONFIGURED_URL, TESTCONTAINERS, PRIVATE_CLUSTER }

    public DatabaseTarget {
        Objects.requireNonNull(jdbcUrl, "jdbcUrl");
        Objects.requireNonNull(origin, "origin");
        if (!jdbcUrl.startsWith("jdbc:postgresql:")) {
            throw new IllegalArgumentException("database URL must start with jdbc:postgresql: but was " + redact(jdbcUrl));
        }
    }

    /** The URL with any password query parameter removed, safe to log. */
    public String redactedUrl() {
        return redact(jdbcUrl);
    }

    private static String redact(String url) {
        return url.replaceAll("(?i)(password=)[^&]*", "$1***");
    }

    @Override
    public String toString() {
        return "DatabaseTarget[" + redactedUrl() + " as " + user + " via " + origin + "]";
    }
}
