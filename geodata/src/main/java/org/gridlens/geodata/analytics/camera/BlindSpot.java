package org.gridlens.geodata.analytics.camera;

import java.util.Objects;

/**
 * The part of a management grid that no camera view sector covers.
 *
 * @param gridCode grid code
 * @param blindM2  blind area, m² (EPSG:4543)
 * @param geoJson  the blind part, a GeoJSON MultiPolygon in WGS84
 */
public record BlindSpot(String gridCode, double blindM2, String geoJson) {
    public BlindSpot {
        Objects.requireNonNull(gridCode, "gridCode");
        Objects.requireNonNull(geoJson, "geoJson");
    }
}
