package org.gridlens.geodata.region;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.gridlens.geodata.sql.SqlResource;

/** Region outlines as GeoJSON, built in PostGIS. */
public final class RegionRepository {

    private static final String FEATURE_COLLECTION = SqlResource.load(RegionRepository.class, "regions-geojson.sql");
    private final DataSource dataSource;

    public RegionRepository(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * All regions of a level as a GeoJSON FeatureCollection (RFC 7946, WGS84), outlines simplified to
     * {@code toleranceMetres} with topology preserved, coordinates rounded to 6 decimals (~0.1 m).
     * Properties: id, code, name, name_en, parent, area_km2. Ordered by code.
     */
    public String featureCollection(RegionLevel level, double toleranceMetres) throws SQLException {
        if (!(toleranceMetres >= 0 && toleranceMetres <= 1000)) {
            throw new IllegalArgumentException("tolerance must be between 0 and 1000 m");
        }
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(FEATURE_COLLECTION)) {
            ps.setDouble(1, toleranceMetres);
            ps.setString(2, level.sqlValue());
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getString(1);
            }
        }
    }
}
