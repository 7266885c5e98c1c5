package org.gridlens.server.config;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The catalog of every configuration key GridLens reads. A key not listed here is refused (flags) or warned about (file). */
public final class ConfigKeys {

    public static final ConfigKey HTTP_HOST = new ConfigKey("http.host", "127.0.0.1",
            "Address the HTTP server binds to; 0.0.0.0 to serve a wall display on another machine.", false);
    public static final ConfigKey HTTP_PORT = new ConfigKey("http.port", "8080",
            "TCP port of the HTTP server (0 picks a free port).", false);
    public static final ConfigKey HTTP_PUBLIC_URL = new ConfigKey("http.public-url", "",
            "Absolute base URL clients use (for TileJSON and links); empty derives it from the request.", false);
    public static final ConfigKey HTTP_MAX_BODY_BYTES = new ConfigKey("http.max-body-bytes", "10485760",
            "Largest request body accepted, chunked bodies included.", false);
    public static final ConfigKey HTTP_CORS_ORIGINS = new ConfigKey("http.cors-origins", "",
            "Origins (comma-separated, e.g. https://gis.example.org, or *) whose web pages may call GridLens; empty: none.", false);
    public static final ConfigKey DB_URL = new ConfigKey("db.url", "",
            "JDBC URL of an existing PostGIS database; empty provisions one (Docker, else a private cluster).", false);
    public static final ConfigKey DB_USER = new ConfigKey("db.user", "gridlens",
            "Database user for db.url.", false);
    public static final ConfigKey DB_PASSWORD = new ConfigKey("db.password", "",
            "Database password for db.url.", true);
    public static final ConfigKey DB_DATA_DIR = new ConfigKey("db.data-dir", ".gridlens/pg",
            "Data folder of the private PostgreSQL cluster, kept between runs.", false);
    public static final ConfigKey DB_CLUSTER_USER = new ConfigKey("db.cluster-user", "postgres",
            "Unprivileged system user that runs the private cluster when GridLens runs as root.", false);
    public static final ConfigKey DB_DOCKER = new ConfigKey("db.docker", "true",
            "Try a Testcontainers PostGIS when no db.url is set and a Docker engine answers.", false);
    public static final ConfigKey DB_POOL_SIZE = new ConfigKey("db.pool-size", "16",
            "Most database connections open at once.", false);
    public static final ConfigKey DB_CONNECTION_TIMEOUT_MS = new ConfigKey("db.connection-timeout-ms", "3000",
            "Longest wait for a pooled connection before a request gets 503.", false);
    public static final ConfigKey DB_STATEMENT_TIMEOUT_MS = new ConfigKey("db.statement-timeout-ms", "30000",
            "Default server-side limit on one SQL statement.", false);
    public static final ConfigKey DEMO_PROFILE = new ConfigKey("demo.profile", "district",
            "Demo data profile loaded by 'gridlens demo' into an empty database: district or small.", false);
    public static final ConfigKey DEMO_SEED = new ConfigKey("demo.seed", "20261126",
            "Seed of the demo generator; the same seed gives byte-identical data.", false);
    public static final ConfigKey IMPORT_MAX_BYTES = new ConfigKey("import.max-bytes", "268435456",
            "Largest file accepted by POST /api/import/{layer} and ./gridlens import (bytes); zips may expand to 4x this.", false);
    public static final ConfigKey TILES_CACHE_MB = new ConfigKey("tiles.cache-mb", "256",
            "Memory for cached tiles (raw + gzip bytes), in MiB; 0 disables the tile cache.", false);
    public static final ConfigKey TILES_LAST_GOOD_MB = new ConfigKey("tiles.last-good-mb", "64",
            "Memory for last-known-good tiles served (marked stale) while the database fails, in MiB.", false);
    public static final ConfigKey TILES_BUDGET_BYTES = new ConfigKey("tiles.budget-bytes", "512000",
            "Largest tile served without generalising further (simplify, aggregate); never truncated.", false);
    public static final ConfigKey TILES_MAX_RENDERS = new ConfigKey("tiles.max-renders", "0",
            "Most uncached tiles rendered at once (beyond: 503 + Retry-After), each on a connection of the tiles' own pool of this size; a quarter of them may count incident rows (status/source filters at z8-14); 0 = db.pool-size - 2.", false);
    public static final ConfigKey TILES_ADMISSION_WAIT_MS = new ConfigKey("tiles.admission-wait-ms", "250",
            "How long an uncached tile request waits for a render slot before 503.", false);
    public static final ConfigKey TILES_STATEMENT_TIMEOUT_MS = new ConfigKey("tiles.statement-timeout-ms", "5000",
            "Server-side limit on one tile's SQL (statement_timeout of the tile pool's sessions); slower tiles answer 503 or stale.", false);
    public static final ConfigKey TILES_CLIENT_MAX_AGE_S = new ConfigKey("tiles.client-max-age-s", "30",
            "Cache-Control max-age of tiles for clients (revalidation with the ETag is cheap).", false);
    public static final ConfigKey TILES_CHANGE_FEED = new ConfigKey("tiles.change-feed", "true",
            "Listen to the database change feed to invalidate exactly the touched cached tiles.", false);
    public static final ConfigKey TILES_PREWARM = new ConfigKey("tiles.prewarm", "",
            "Wall views kept rendered over the district, as layers:minZoom-maxZoom separated by ; (e.g. incident,heat:8-12;grid:8-14); empty: none.", false);
    public static final ConfigKey LOG_FORMAT = new ConfigKey("log.format", "text",
            "Log format on standard output: text or json (one JSON object per line).", false);
    public static final ConfigKey LOG_LEVEL = new ConfigKey("log.level", "INFO",
            "Level of GridLens's own loggers: ERROR, WARN, INFO, DEBUG.", false);

    public static final ConfigKey LIMITS_CLIENT_RPS = new ConfigKey("limits.client-rps", "200",
            "Sustained requests per second one client (token or address) may make; bursts of twice that; beyond: 429.", false);
    public static final ConfigKey LIMITS_ANALYTICS = new ConfigKey("limits.analytics-concurrent", "4",
            "Analytics requests in progress at once; beyond: 503 with Retry-After.", false);
    public static final ConfigKey LIMITS_INTAKE = new ConfigKey("limits.intake-concurrent", "48",
            "Intake requests in progress at once; beyond: 503 with Retry-After.", false);
    public static final ConfigKey LIMITS_EXPORT = new ConfigKey("limits.export-concurrent", "2",
            "Imports, exports and OGC feature requests in progress at once; beyond: 503 with Retry-After.", false);
    public static final ConfigKey LIMITS_API = new ConfigKey("limits.api-concurrent", "64",
            "Other API requests in progress at once; beyond: 503 with Retry-After.", false);
    public static final ConfigKey LIMITS_ANALYTICS_STATEMENT_MS = new ConfigKey("limits.analytics-statement-timeout-ms", "60000",
            "Server-side limit on one SQL statement of an analytics request; beyond: 503.", false);
    public static final ConfigKey LIMITS_INTAKE_STATEMENT_MS = new ConfigKey("limits.intake-statement-timeout-ms", "5000",
            "Server-side limit on one SQL statement of an intake request (reports, orders, Open311); beyond: 503.", false);
    public static final ConfigKey LIMITS_EXPORT_STATEMENT_MS = new ConfigKey("limits.export-statement-timeout-ms", "600000",
            "Server-side limit on one SQL statement of an export or OGC API request; beyond: 503 (imports run without one).", false);
    public static final ConfigKey ANALYTICS_K = new ConfigKey("analytics.suppression.k", "5",
            "Counts of people from 1 to k-1 are withheld (with complementary cells) for callers without person-level access.", false);
    public static final ConfigKey ANALYTICS_K_VULNERABLE = new ConfigKey("analytics.suppression.k-vulnerable", "10",
            "Threshold k for vulnerable groups (elderly living alone, disabled, low income); at least analytics.suppression.k.", false);
    public static final ConfigKey ANALYTICS_CACHE_ENTRIES = new ConfigKey("analytics.cache.max-entries", "200",
            "Most analytics results kept in memory (keyed by parameters and the data version).", false);
    public static final ConfigKey ANALYTICS_LAYERS_REFRESH_S = new ConfigKey("analytics.layers.refresh-seconds", "60",
            "How often the analytic tile layers (hotspot, hotarea, coverage, blind_spot) are recomputed if their inputs changed; 0 = never.",
            false);
    public static final ConfigKey WALL_CONFIG_FILE = new ConfigKey("wall.config-file", "",
            "JSON file with the wall's views, layouts and timers; empty serves the built-in config.", false);
    public static final ConfigKey WALL_ANSWER_MAX_AGE_SECONDS = new ConfigKey("wall.answer-max-age-seconds", "30",
            "How old a wall answer (KPIs, summary, trends, league table) may be served, marked with asOf, while a fresh one is computed after a data change; 0 computes every changed answer before replying.", false);
    public static final ConfigKey INTAKE_CLOCK_SKEW_SECONDS = new ConfigKey("intake.clock-skew-seconds", "300",
            "How far in the future a report's time may lie before it is refused (reporters' clocks drift).", false);
    public static final ConfigKey INTAKE_MAX_RECORD_BYTES = new ConfigKey("intake.max-record-bytes", "65536",
            "Largest body of a single-report intake (POST /api/incidents, Open311); larger gets 413 unread.", false);
    public static final ConfigKey INTAKE_MAX_BATCH_BYTES = new ConfigKey("intake.max-batch-bytes", "33554432",
            "Largest body of a batch intake (POST /api/incidents/batch, at most 10,000 reports); larger gets 413 unread.", false);
    public static final ConfigKey INTAKE_WRITERS = new ConfigKey("intake.writers", "1",
            "Transactions storing single reports at once (group commit: each writer stores whatever is queued, up to 50 reports, per transaction).",
            false);
    public static final ConfigKey EVENTS_REPLAY_SIZE = new ConfigKey("events.replay-size", "10000",
            "Events kept for clients that reconnect with Last-Event-ID; older ids get a 'reset' event.", false);
    public static final ConfigKey EVENTS_REPLAY_MAX_AGE_SECONDS = new ConfigKey("events.replay-max-age-seconds", "3600",
            "Oldest event kept for replay, in seconds.", false);
    public static final ConfigKey EVENTS_CLIENT_QUEUE = new ConfigKey("events.client-queue", "1000",
            "Events queued per SSE client; a client that falls this far behind is disconnected (it catches up on reconnect).", false);
    public static final ConfigKey EVENTS_HEARTBEAT_MS = new ConfigKey("events.heartbeat-ms", "15000",
            "Interval of SSE heartbeat comments that keep idle connections and proxies alive.", false);
    public static final ConfigKey EVENTS_MAX_CLIENTS = new ConfigKey("events.max-clients", "500",
            "Most SSE clients at once; more get 503.", false);
    public static final ConfigKey CASES_OVERDUE_SCAN_MS = new ConfigKey("cases.overdue-scan-ms", "30000",
            "Interval of the scan that announces overdue (case.overdue) and escalated (case.escalated) cases.", false);

    public static final List<ConfigKey> ALL = List.of(HTTP_HOST, HTTP_PORT, HTTP_PUBLIC_URL, HTTP_MAX_BODY_BYTES, HTTP_CORS_ORIGINS,
            DB_URL, DB_USER, DB_PASSWORD, DB_DATA_DIR, DB_CLUSTER_USER, DB_DOCKER, DB_POOL_SIZE,
            DB_CONNECTION_TIMEOUT_MS, DB_STATEMENT_TIMEOUT_MS, DEMO_PROFILE, DEMO_SEED, IMPORT_MAX_BYTES, LOG_FORMAT, LOG_LEVEL,
            TILES_CACHE_MB, TILES_LAST_GOOD_MB, TILES_BUDGET_BYTES, TILES_MAX_RENDERS, TILES_ADMISSION_WAIT_MS,
            TILES_STATEMENT_TIMEOUT_MS, TILES_CLIENT_MAX_AGE_S, TILES_CHANGE_FEED, TILES_PREWARM,
            LIMITS_CLIENT_RPS, LIMITS_ANALYTICS, LIMITS_INTAKE, LIMITS_EXPORT, LIMITS_API,
            LIMITS_ANALYTICS_STATEMENT_MS, LIMITS_INTAKE_STATEMENT_MS, LIMITS_EXPORT_STATEMENT_MS,
            ANALYTICS_K, ANALYTICS_K_VULNERABLE, ANALYTICS_CACHE_ENTRIES, ANALYTICS_LAYERS_REFRESH_S,
            WALL_CONFIG_FILE, WALL_ANSWER_MAX_AGE_SECONDS,
            INTAKE_CLOCK_SKEW_SECONDS, INTAKE_MAX_RECORD_BYTES, INTAKE_MAX_BATCH_BYTES, INTAKE_WRITERS, EVENTS_REPLAY_SIZE,
            EVENTS_REPLAY_MAX_AGE_SECONDS, EVENTS_CLIENT_QUEUE, EVENTS_HEARTBEAT_MS, EVENTS_MAX_CLIENTS, CASES_OVERDUE_SCAN_MS);

    private static final Map<String, ConfigKey> BY_NAME = new LinkedHashMap<>();

    static {
        for (ConfigKey k : ALL) {
            if (BY_NAME.put(k.name(), k) != null) {
                throw new IllegalStateException("duplicate config key " + k.name());
            }
        }
    }

    private ConfigKeys() {
    }

    public static ConfigKey byName(String name) {
        return BY_NAME.get(name);
    }
}
