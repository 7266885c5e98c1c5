package org.gridlens.tiles.cache;

import java.time.Duration;

/**
 * Limits of the tile service.
 *
 * @param cacheBytes        most bytes (raw + gzip) the tile cache holds
 * @param lastGoodBytes     most bytes the last-known-good store holds (served only while the database fails)
 * @param budgetBytes       largest tile served without generalising further
 * @param maxRenders        most uncached tiles rendered at once (keep below the pool size)
 * @param admissionWait     how long a request waits for a render slot before 503
 * @param clientMaxAge      Cache-Control max-age for clients (capped by each layer's TTL)
 */
public record TileServiceSettings(long cacheBytes, long lastGoodBytes, int budgetBytes, int maxRenders,
                                  Duration admissionWait, Duration clientMaxAge) {

    public TileServiceSettings {
        if (cacheBytes < 0 || lastGoodBytes < 0 || budgetBytes < 1024 || maxRenders < 1) {
            throw new IllegalArgumentException("cache sizes must be >= 0, the budget >= 1024 bytes and renders >= 1");
        }
    }

    /**
     * Most renders at once that count incident rows one by one (status or source filters at low zoom): a
     * quarter of {@link #maxRenders}, at least one, so they leave the other slots to everything else.
     */
    public int maxScans() {
        return Math.max(1, maxRenders / 4);
    }

    public static TileServiceSettings defaults() {
        return new TileServiceSettings(256L << 20, 64L << 20, 500 * 1024, 8, Duration.ofMillis(250), Duration.ofSeconds(30));
    }
}
