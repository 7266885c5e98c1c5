package org.gridlens.geodata.db;

import java.time.Duration;
import java.util.Objects;

/**
 * Connection-pool limits. The defaults make a dead database fail requests fast instead of hanging threads.
 *
 * @param maxSize           most connections open at once
 * @param connectionTimeout longest wait for a pooled connection (then the caller gets a transient error)
 * @param socketTimeout     longest wait on a single read from the server (a dead server never hangs a thread)
 * @param statementTimeout  default server-side limit per statement
 */
public record PoolSettings(int maxSize, Duration connectionTimeout, Duration socketTimeout, Duration statementTimeout) {

    public static final PoolSettings DEFAULTS =
            new PoolSettings(16, Duration.ofSeconds(3), Duration.ofSeconds(120), Duration.ofSeconds(60));

    public PoolSettings {
        Objects.requireNonNull(connectionTimeout, "connectionTimeout");
        Objects.requireNonNull(socketTimeout, "socketTimeout");
        Objects.requireNonNull(statementTimeout, "statementTimeout");
        if (maxSize < 1 || maxSize > 500) {
            throw new IllegalArgumentException("pool size must be 1..500 but was " + maxSize);
        }
        if (connectionTimeout.toMillis() < 250) {
            throw new IllegalArgumentException("connection timeout must be at least 250 ms");
        }
        if (socketTimeout.compareTo(statementTimeout) <= 0) {
            throw new IllegalArgumentException("socket timeout must exceed the statement timeout, or statements are cut off mid-flight");
        }
    }
}
