package org.gridlens.geodata.db;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * A separate read-only pool for one kind of short, uniform read whose session settings differ from the
 * shared read pool's (tiles: their own statement timeout and plan cache mode). The settings are made once
 * per physical connection, when the pool opens it, so a borrower pays no round trip for them and runs its
 * statements in autocommit.
 *
 * @param name             pool name (for logs and metrics), an identifier
 * @param maxSize          most connections open at once
 * @param statementTimeout server-side limit on each statement of the pool's sessions (zero: none)
 * @param sessionSettings  further session settings ({@code SET key = value}); keys and values come from code,
 *                         never from a request, and must be plain words
 */
public record ReadPoolSettings(String name, int maxSize, Duration statementTimeout, Map<String, String> sessionSettings) {

    public ReadPoolSettings {
        Objects.requireNonNull(statementTimeout, "statementTimeout");
        if (name == null || !name.matches("[a-z][a-z0-9-]{0,40}")) {
            throw new IllegalArgumentException("a pool name is a lower-case identifier, not " + name);
        }
        if (maxSize < 1 || maxSize > 500) {
            throw new IllegalArgumentException("pool size must be 1..500 but was " + maxSize);
        }
        if (statementTimeout.isNegative()) {
            throw new IllegalArgumentException("a statement timeout cannot be negative");
        }
        sessionSettings = Map.copyOf(sessionSettings);
        for (Map.Entry<String, String> e : sessionSettings.entrySet()) {
            if (!e.getKey().matches("[a-z_]{1,63}") || !e.getValue().matches("[A-Za-z0-9_]{1,63}")) {
                throw new IllegalArgumentException("session settings are plain words, not " + e);
            }
            if (e.getKey().equals("statement_timeout") || e.getKey().equals("default_transaction_read_only")
                    || e.getKey().equals("role") || e.getKey().equals("session_authorization")) {
                throw new IllegalArgumentException(e.getKey() + " is set by the pool itself");
            }
        }
    }

    /** The SQL run on every new connection of the pool, after the read-only settings. */
    String initSql() {
        StringBuilder sb = new StringBuilder("SET statement_timeout = " + statementTimeout.toMillis());
        for (Map.Entry<String, String> e : new TreeMap<>(sessionSettings).entrySet()) {
            sb.append("; SET ").append(e.getKey()).append(" = ").append(e.getValue());
        }
        return sb.toString();
    }
}
