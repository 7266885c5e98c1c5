package org.gridlens.server.layers;

import java.time.Duration;
import java.util.List;
import org.gridlens.server.config.ConfigException;
import org.gridlens.server.config.ConfigKey;
import org.gridlens.server.config.ConfigKeys;
import org.gridlens.server.config.GridLensConfig;
import org.gridlens.tiles.cache.PrewarmView;
import org.gridlens.tiles.cache.TilePrewarmer;
import org.gridlens.tiles.cache.TileServiceSettings;
import org.gridlens.tiles.layer.LayerCatalog;

/**
 * The {@code tiles.*} configuration, validated once.
 *
 * @param service          cache, budget and admission limits
 * @param statementTimeout server-side limit on one tile's SQL
 * @param changeFeed       whether to listen to the database change feed
 * @param prewarm          the wall views kept rendered (checked against the layer catalog)
 */
public record TileConfig(TileServiceSettings service, Duration statementTimeout, boolean changeFeed,
                         List<PrewarmView> prewarm) {

    public static TileConfig from(GridLensConfig config) {
        long cacheMb = integer(config, ConfigKeys.TILES_CACHE_MB, 0, 1 << 16);
        long lastGoodMb = integer(config, ConfigKeys.TILES_LAST_GOOD_MB, 0, 1 << 16);
        long budget = integer(config, ConfigKeys.TILES_BUDGET_BYTES, 1024, 64L << 20);
        long renders = integer(config, ConfigKeys.TILES_MAX_RENDERS, 0, 1000);
        if (renders == 0) {
            renders = Math.max(1, config.pool().maxSize() - 2);
        }
        long wait = integer(config, ConfigKeys.TILES_ADMISSION_WAIT_MS, 0, 60_000);
        long timeout = integer(config, ConfigKeys.TILES_STATEMENT_TIMEOUT_MS, 50, 600_000);
        long maxAge = integer(config, ConfigKeys.TILES_CLIENT_MAX_AGE_S, 0, 86_400);
        String feed = config.values().get(ConfigKeys.TILES_CHANGE_FEED.name()).value();
        if (!feed.equals("true") && !feed.equals("false")) {
            throw new ConfigException(ConfigKeys.TILES_CHANGE_FEED.name() + " must be true or false");
        }
        List<PrewarmView> prewarm;
        try {
            prewarm = PrewarmView.parseAll(config.values().get(ConfigKeys.TILES_PREWARM.name()).value());
            TilePrewarmer.check(LayerCatalog.standard(), prewarm);
        } catch (IllegalArgumentException e) {
            throw new ConfigException(ConfigKeys.TILES_PREWARM.name() + ": " + e.getMessage());
        }
        return new TileConfig(new TileServiceSettings(cacheMb << 20, lastGoodMb << 20, (int) budget, (int) renders,
                Duration.ofMillis(wait), Duration.ofSeconds(maxAge)), Duration.ofMillis(timeout), Boolean.parseBoolean(feed),
                prewarm);
    }

    private static long integer(GridLensConfig config, ConfigKey k, long min, long max) {
        String s = config.values().get(k.name()).value();
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
