package org.gridlens.tiles.render;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import org.gridlens.tiles.TileCoord;
import org.gridlens.tiles.filter.TileFilter;
import org.gridlens.tiles.layer.LayerBand;

/**
 * The district-wide maximum that a normalised band (heat) divides by, computed once per (band, zoom,
 * generalisation level, filter) and remembered until the data changes ({@link #invalidateAll}) or for
 * {@link #TTL} at most. Because every tile of one filter set divides by the same number, colours agree
 * across tile seams.
 */
public final class DistrictMaximum {

    public static final Duration TTL = Duration.ofMinutes(10);

    private record Key(String band, int z, int level, TileFilter filter) {
    }

    private final Cache<Key, Double> values = Caffeine.newBuilder().maximumSize(10_000).expireAfterWrite(TTL).build();

    /** The maximum for a tile request on connection {@code c} (inside the caller's transaction). */
    public double of(Connection c, LayerBand band, TileCoord tile, TileFilter filter, int level) throws SQLException {
        Key key = new Key(band.name(), tile.z(), level, filter);
        Double cached = values.getIfPresent(key);
        if (cached != null) {
            return cached;
        }
        double v;
        try (PreparedStatement ps = c.prepareStatement(TileQuery.maxStatement(band))) {
            TileQuery.bind(c, ps, new TileCoord(tile.z(), 0, 0), filter, level, 0);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                v = rs.getDouble(1);
            }
        }
        values.put(key, v);
        return v;
    }

    public void invalidateAll() {
        values.invalidateAll();
    }
}
