package org.gridlens.server.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.gridlens.geodata.db.DatabaseProvisioner;
import org.gridlens.geodata.db.PoolSettings;
import org.gridlens.geodata.demo.DemoProfile;

/**
 * The effective configuration, immutable and validated once: a malformed value fails start-up with a
 * message naming the key.
 */
public record GridLensConfig(
        String httpHost,
        int httpPort,
        Optional<String> publicUrl,
        long maxBodyBytes,
        DatabaseProvisioner.Settings database,
        PoolSettings pool,
        DemoProfile demoProfile,
        long demoSeed,
        String logFormat,
        String logLevel,
        Limits limits,
        List<String> corsOrigins,
        Map<String, ConfigValue> values) {

    /**
     * Request limits.
     *
     * @param clientRps           sustained requests per second per client
     * @param analyticsConcurrent analytics requests in progress
     * @param intakeConcurrent    intake requests in progress
     * @param exportConcurrent    import/export/OGC requests in progress
     * @param apiConcurrent       other API requests in progress
     * @param analyticsStatement  statement timeout of analytics requests
     * @param intakeStatement     statement timeout of intake requests
     * @param exportStatement     statement timeout of export and OGC API requests
     */
    public record Limits(int clientRps, int analyticsConcurrent, int intakeConcurrent, int exportConcurrent, int apiConcurrent,
                         Duration analyticsStatement, Duration intakeStatement, Duration exportStatement) {
    }

    static GridLensConfig from(Map<String, ConfigValue> v) {
        String url = str(v, ConfigKeys.DB_URL);
        String dataDir = str(v, ConfigKeys.DB_DATA_DIR);
        DatabaseProvisioner.Settings db = new DatabaseProvisioner.Settings(
                url.isEmpty() ? Optional.empty() : Optional.of(url),
                str(v, ConfigKeys.DB_USER), str(v, ConfigKeys.DB_PASSWORD),
                Optional.of(Path.of(dataDir)), str(v, ConfigKeys.DB_CLUSTER_USER), bool(v, ConfigKeys.DB_DOCKER));
        Duration stmt = Duration.ofMillis(integer(v, ConfigKeys.DB_STATEMENT_TIMEOUT_MS, 100, 3_600_000));
        PoolSettings pool;
        try {
            pool = new PoolSettings((int) integer(v, ConfigKeys.DB_POOL_SIZE, 1, 500),
                    Duration.ofMillis(integer(v, ConfigKeys.DB_CONNECTION_TIMEOUT_MS, 250, 600_000)),
                    stmt.plusSeconds(30), stmt);
        } catch (IllegalArgumentException e) {
            throw new ConfigException("database pool: " + e.getMessage());
        }
        DemoProfile profile;
        try {
            profile = DemoProfile.parse(str(v, ConfigKeys.DEMO_PROFILE));
        } catch (IllegalArgumentException e) {
            throw new ConfigException(ConfigKeys.DEMO_PROFILE.name() + ": " + e.getMessage());
        }
        String format = str(v, ConfigKeys.LOG_FORMAT);
        if (!format.equals("text") && !format.equals("json")) {
            throw new ConfigException(ConfigKeys.LOG_FORMAT.name() + " must be text or json, not '" + format + "'");
        }
        String level = str(v, ConfigKeys.LOG_LEVEL).toUpperCase(java.util.Locale.ROOT);
        if (!level.matches("ERROR|WARN|INFO|DEBUG|TRACE")) {
            throw new ConfigException(ConfigKeys.LOG_LEVEL.name() + " must be ERROR, WARN, INFO, DEBUG or TRACE");
        }
        String publicUrl = str(v, ConfigKeys.HTTP_PUBLIC_URL);
        if (!publicUrl.isEmpty() && !publicUrl.matches("https?://[^\\s]+")) {
            throw new ConfigException(ConfigKeys.HTTP_PUBLIC_URL.name() + " must be an absolute http(s) URL");
        }
        long seed;
        try {
            seed = Long.parseLong(str(v, ConfigKeys.DEMO_SEED));
        } catch (NumberFormatException e) {
            throw new ConfigException(ConfigKeys.DEMO_SEED.name() + " must be a whole number");
        }
        return new GridLensConfig(str(v, ConfigKeys.HTTP_HOST), (int) integer(v, ConfigKeys.HTTP_PORT, 0, 65535),
                publicUrl.isEmpty() ? Optional.empty() : Optional.of(publicUrl.replaceAll("/+$", "")),
                integer(v, ConfigKeys.HTTP_MAX_BODY_BYTES, 1024, 1L << 34), db, pool, profile, seed, format, level,
                new Limits((int) integer(v, ConfigKeys.LIMITS_CLIENT_RPS, 1, 1_000_000),
                        (int) integer(v, ConfigKeys.LIMITS_ANALYTICS, 1, 1000),
                        (int) integer(v, ConfigKeys.LIMITS_INTAKE, 1, 10_000),
                        (int) integer(v, ConfigKeys.LIMITS_EXPORT, 1, 1000),
                        (int) integer(v, ConfigKeys.LIMITS_API, 1, 10_000),
                        Duration.ofMillis(integer(v, ConfigKeys.LIMITS_ANALYTICS_STATEMENT_MS, 100, 3_600_000)),
                        Duration.ofMillis(integer(v, ConfigKeys.LIMITS_INTAKE_STATEMENT_MS, 100, 3_600_000)),
                        Duration.ofMillis(integer(v, ConfigKeys.LIMITS_EXPORT_STATEMENT_MS, 100, 3_600_000))),
                corsOrigins(str(v, ConfigKeys.HTTP_CORS_ORIGINS)),
                Collections.unmodifiableMap(new LinkedHashMap<>(v)));
    }

    /** Exact origins ({@code scheme://host[:port]}) or {@code *}; empty: no cross-origin access at all. */
    private static List<String> corsOrigins(String raw) {
        List<String> out = new java.util.ArrayList<>();
        for (String o : raw.split(",")) {
            String origin = o.trim();
            if (origin.isEmpty()) {
                continue;
            }
            if (!origin.equals("*") && !origin.matches("https?://[A-Za-z0-9.-]+(:[0-9]{1,5})?")) {
                throw new ConfigException(ConfigKeys.HTTP_CORS_ORIGINS.name() + ": '" + origin
                        + "' is not an origin like https://gis.example.org or *");
            }
            out.add(origin);
        }
        if (out.contains("*") && out.size() > 1) {
            throw new ConfigException(ConfigKeys.HTTP_CORS_ORIGINS.name() + ": * already admits every origin; list none beside it");
        }
        return List.copyOf(out);
    }

    private static String str(Map<String, ConfigValue> v, ConfigKey k) {
        return v.get(k.name()).value();
    }

    private static boolean bool(Map<String, ConfigValue> v, ConfigKey k) {
        String s = str(v, k).toLowerCase(java.util.Locale.ROOT);
        if (s.equals("true") || s.equals("false")) {
            return Boolean.parseBoolean(s);
        }
        throw new ConfigException(k.name() + " must be true or false, not '" + s + "' (from " + v.get(k.name()).source() + ")");
    }

    private static long integer(Map<String, ConfigValue> v, ConfigKey k, long min, long max) {
        String s = str(v, k);
        try {
            long n = Long.parseLong(s);
            if (n < min || n > max) {
                throw new ConfigException(k.name() + " must be between " + min + " and " + max + ", not " + n);
            }
            return n;
        } catch (NumberFormatException e) {
            throw new ConfigException(k.name() + " must be a whole number, not '" + s + "' (from " + v.get(k.name()).source() + ")");
        }
    }
}
