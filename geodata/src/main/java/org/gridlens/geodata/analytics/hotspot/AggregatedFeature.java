package org.gridlens.geodata.analytics.hotspot;

import java.util.Objects;

/**
 * One feature with its incident count: an id (cell code, hexagon "i_j" or grid code), its centroid in
 * EPSG:4543 metres, and its outline as GeoJSON in WGS84 (6 decimals).
 */
public record AggregatedFeature(String id, double x, double y, long count, String geoJson) {
    public AggregatedFeature {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(geoJson, "geoJson");
        if (count < 0) {
            throw new IllegalArgumentException("count must not be negative");
        }
    }
}
