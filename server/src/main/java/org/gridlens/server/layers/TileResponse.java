package org.gridlens.server.layers;

import java.util.List;
import java.util.Locale;
import java.util.function.BiConsumer;
import org.gridlens.tiles.cache.TileResult;
import org.gridlens.tiles.layer.LayerAccess;
import org.gridlens.tiles.layer.LayerDefinition;

/**
 * The headers and body of a tile response, decided in one place for the Javalin route and the
 * cached-tile fast path alike: strong ETag and 304, gzip when accepted, cache headers by the layers'
 * access level, and the X-GridLens-* headers saying hit/miss/stale, generalisation and the features
 * left out (below a pixel, or collapsed when snapped to the tile grid).
 */
final class TileResponse {

    static final String MVT = "application/vnd.mapbox-vector-tile";

    private TileResponse() {
    }

    /**
     * Writes the headers of {@code r} through {@code header}.
     *
     * @return the body to send, or null for 304 Not Modified
     */
    static byte[] write(TileResult r, List<LayerDefinition> layers, String ifNoneMatch, String acceptEncoding,
                        BiConsumer<String, String> header) {
        header.accept("ETag", r.etag());
        header.accept("Vary", "Accept-Encoding");
        header.accept("Cache-Control", r.stale() ? "no-cache" : cacheControl(layers, "max-age=" + r.maxAgeSeconds()));
        header.accept("X-GridLens-Cache", r.cacheHit() ? "hit" : r.stale() ? "stale" : "miss");
        if (r.level() > 0) {
            header.accept("X-GridLens-Generalised", "level=" + r.level());
        }
        if (!r.leftOut().isEmpty()) {
            header.accept("X-GridLens-Left-Out", r.leftOut());
        }
        if (r.stale()) {
            header.accept("X-GridLens-Stale", "true");
        }
        if (ifNoneMatch != null && (ifNoneMatch.contains(r.etag()) || ifNoneMatch.trim().equals("*"))) {
            return null;
        }
        header.accept("Content-Type", MVT);
        if (acceptEncoding != null && acceptEncoding.toLowerCase(Locale.ROOT).contains("gzip")) {
            header.accept("Content-Encoding", "gzip");
            return r.gzip();
        }
        return r.bytes();
    }

    /** Shared caches may keep public layers only; person-level tiles are never stored anywhere but here. */
    static String cacheControl(List<LayerDefinition> layers, String maxAge) {
        if (layers.stream().anyMatch(l -> l.access() == LayerAccess.PERSONAL)) {
            return "private, no-store";
        }
        return (layers.stream().allMatch(l -> l.access() == LayerAccess.PUBLIC) ? "public, " : "private, ") + maxAge;
    }
}
