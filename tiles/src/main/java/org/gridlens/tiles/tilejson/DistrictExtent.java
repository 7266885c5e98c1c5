package org.gridlens.tiles.tilejson;

import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.LoadingCache;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Optional;
import javax.sql.DataSource;
import org.locationtech.jts.geom.Envelope;

/**
 * The WGS84 extent of the loaded regions (the district), read at most once a minute. Empty while no
 * region is loaded or while the database cannot be read (TileJSON then uses the spec's world default).
 */
public final class DistrictExtent {

    private final LoadingCache<String, Optional<Envelope>> extent;

    public DistrictExtent(DataSource dataSource) {
        this.extent = Caffeine.newBuilder().maximumSize(1).expireAfterWrite(Duration.ofMinutes(1)).build(k -> load(dataSource));
    }

    private static Optional<Envelope> load(DataSource ds) {
        try (Connection c = ds.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT ST_XMin(e), ST_YMin(e), ST_XMax(e), ST_YMax(e) FROM (SELECT ST_Extent(geom) AS e FROM region) x")) {
            rs.next();
            double minX = rs.getDouble(1);
            if (rs.wasNull()) {
                return Optional.empty();
            }
            return Optional.of(new Envelope(minX, rs.getDouble(3), rs.getDouble(2), rs.getDouble(4)));
        } catch (SQLException e) {
            return Optional.empty();
        }
    }

    public Optional<Envelope> get() {
        return extent.get("district");
    }
}
