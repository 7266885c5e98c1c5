package org.gridlens.tiles.cache;

/**
 * A rendered tile as served.
 *
 * @param bytes      the MVT bytes (possibly empty: a tile without features)
 * @param compressed the same bytes gzip-compressed, made on the first request that accepts gzip and kept
 *                   with the tile from then on (a client that does not accept gzip never waits for it)
 * @param etag       strong entity tag (quoted SHA-256 prefix of {@code bytes})
 * @param level      generalisation level it was rendered at (0 = full detail)
 * @param leftOut    the features its layers left out and why ({@link org.gridlens.tiles.render.RenderedTile#leftOutSummary}),
 *                   empty when none
 * @param stale      true when served from the last-known-good store because the database failed
 * @param cacheHit   true when no rendering happened for this request
 * @param maxAgeSeconds how long clients may reuse it without asking (the shortest of its layers)
 */
public record TileResult(byte[] bytes, GzipOnDemand compressed, String etag, int level, String leftOut, boolean stale,
                         boolean cacheHit, long maxAgeSeconds) {

    public TileResult {
        leftOut = leftOut == null ? "" : leftOut;
    }

    /** The gzip-compressed bytes, compressed now if no earlier request needed them. */
    public byte[] gzip() {
        return compressed.of(bytes);
    }

    TileResult as(boolean staleNow, boolean hitNow) {
        return new TileResult(bytes, compressed, etag, level, leftOut, staleNow, hitNow, maxAgeSeconds);
    }

    /**
     * Bytes this tile may hold in a cache: the raw bytes plus an upper bound of their gzip form (gzip of
     * n bytes never exceeds n plus its 18-byte frame and 5 bytes per stored 64 KiB block), so a cache
     * weighed by it stays within its bound whether or not the gzip form has been made yet.
     */
    long weight() {
        return 2L * bytes.length + 5L * (bytes.length / 65_535 + 1) + 18 + 200L;
    }
}
