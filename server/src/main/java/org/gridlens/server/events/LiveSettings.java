package org.gridlens.server.events;

import java.time.Duration;
import java.util.Map;
import org.gridlens.server.config.ConfigException;
import org.gridlens.server.config.ConfigKey;
import org.gridlens.server.config.ConfigKeys;
import org.gridlens.server.config.ConfigValue;

/**
 * The settings of live intake, cases and events, read from the effective configuration and validated
 * once (a malformed value fails start-up naming the key).
 */
public record LiveSettings(Duration clockSkew, long maxRecordBytes, long maxBatchBytes, int replaySize,
                           Duration replayMaxAge, int clientQueue, Duration heartbeat, int maxClients,
                           Duration overdueScan, int intakeWriters) {

    public static LiveSettings from(Map<String, ConfigValue> v) {
        return new LiveSettings(
                Duration.ofSeconds(integer(v, ConfigKeys.INTAKE_CLOCK_SKEW_SECONDS, 0, 86_400)),
                integer(v, ConfigKeys.INTAKE_MAX_RECORD_BYTES, 1024, 1 << 20),
                integer(v, ConfigKeys.INTAKE_MAX_BATCH_BYTES, 1024, 1L << 30),
                (int) integer(v, ConfigKeys.EVENTS_REPLAY_SIZE, 1, 1_000_000),
                Duration.ofSeconds(integer(v, ConfigKeys.EVENTS_REPLAY_MAX_AGE_SECONDS, 1, 7 * 86_400)),
                (int) integer(v, ConfigKeys.EVENTS_CLIENT_QUEUE, 1, 1_000_000),
                Duration.ofMillis(integer(v, ConfigKeys.EVENTS_HEARTBEAT_MS, 50, 300_000)),
                (int) integer(v, ConfigKeys.EVENTS_MAX_CLIENTS, 1, 100_000),
                Duration.ofMillis(integer(v, ConfigKeys.CASES_OVERDUE_SCAN_MS, 50, 3_600_000)),
                (int) integer(v, ConfigKeys.INTAKE_WRITERS, 1, 16));
    }

    private static long integer(Map<String, ConfigValue> v, ConfigKey k, long min, long max) {
        ConfigValue cv = v.get(k.name());
        String s = cv == null ? k.defaultValue() : cv.value();
        try {
            long n = Long.parseLong(s.trim());
            if (n < min || n > max) {
                throw new ConfigException(k.name() + " must be between " + min + " and " + max + ", not " + n);
            }
            return n;
        } catch (NumberFormatException e) {
            throw new ConfigException(k.name() + " must be a whole number, not '" + s + "'");
        }
    }
}
