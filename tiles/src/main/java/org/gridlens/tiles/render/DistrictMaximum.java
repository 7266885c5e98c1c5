package org.gridlens.tiles.render;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.gridlens.tiles.TileCoord;
import org.gridlens.tiles.filter.TileFilter;
import org.gridlens.tiles.layer.LayerBand;

/**
 * The district-wide maximum that a normalised band (heat) divides by, computed once per (band, zoom,
 * generalisation level, filter) and remembered until the data changes ({@link #invalidateAll}) or for
 * {@link #TTL} at most. Because every tile of one filter set divides by the same number, colours agree
 * across tile seams; a tile pays the maximum's query only on the first request of its filter set and zoom
 * after a change.
 *
 * <p>Exact after changes: a value whose query began before an {@link #invalidateAll} (so it may have read
 * the data from before the change) is used for that one tile but never remembered.
 */
public final class DistrictMaximum {

    public static final Duration TTL = Duration.ofMinutes(10);

    private record Key(String band, int z, int level, TileFilter filter) {
    }

    private final Cache<Key, Double> values = Caffeine.newBuilder().maximumSize(10_000).expireAfterWrite(TTL).build();
    private final AtomicLong generation = new AtomicLong();

    /** The maximum for a tile request, queried on connection {@code c} when not remembered. */
    public double of(Connection c, LayerBand band, TileCoord tile, TileFilter filter, int level) throws SQLException {
        Key key = new Key(band.name(), tile.z(), level, filter);
        Double cached = values.getIfPresent(key);
        if (cached != null) {
            return cached;
        }
        long before = generation.get();
        double v;
        try (PreparedStatement ps = c.prepareStatement(TileQuery.maxStatement(band))) {
            TileQuery.bind(c, ps, new TileCoord(tile.z(), 0, 0), filter, level, 0);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                v = rs.getDouble(1);
            }
        }
        if (generation.get() == before) {
            values.put(key, v);
            if (generation.get() != before) {
                values.invalidate(key); // a change arrived while storing: its invalidation may have run first
            }
        }
        return v;
    }

    /** Forgets every maximum: the data changed. Queries running now are not remembered either. */
    public void invalidateAll() {
        generation.incrementAndGet();
        values.invalidateAll();
    }

    /** Number of remembered maxima (for tests). */
    public long size() {
        values.cleanUp();
        return values.estimatedSize();
    }
}
