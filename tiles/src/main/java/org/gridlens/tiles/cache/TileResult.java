package org.gridlens.tiles.cache;

/**
 * A rendered tile as served.
 *
 * @param bytes      the MVT bytes (possibly empty: a tile without features)
 * @param gzip       the same bytes gzip-compressed, made once when the tile was rendered
 * @param etag       strong entity tag (quoted SHA-256 prefix of {@code bytes})
 * @param level      generalisation level it was rendered at (0 = full detail)
 * @param stale      true when served from the last-known-good store because the database failed
 * @param cacheHit   true when no rendering happened for this request
 * @param maxAgeSeconds how long clients may reuse it without asking (the shortest of its layers)
 */
public record TileResult(byte[] bytes, byte[] gzip, String etag, int level, boolean stale, boolean cacheHit,
                         long maxAgeSeconds) {

    TileResult as(boolean staleNow, boolean hitNow) {
        return new TileResult(bytes, gzip, etag, level, staleNow, hitNow, maxAgeSeconds);
    }

    long weight() {
        return bytes.length + gzip.length + 200L;
    }
}
