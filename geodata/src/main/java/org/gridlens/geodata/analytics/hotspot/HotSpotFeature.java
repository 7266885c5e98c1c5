package org.gridlens.geodata.analytics.hotspot;

import java.util.Objects;

/**
 * One feature's Gi* result. {@code z} and {@code p} are null where Gi* is undefined (a neighbourhood
 * that is every feature), never NaN; {@code bin} is −3..3 (0 where undefined). {@code neighbours}
 * counts the feature itself.
 */
public record HotSpotFeature(String id, long count, Double z, Double p, int bin, int neighbours, String geoJson) {
    public HotSpotFeature {
        Objects.requireNonNull(id, "id");
        if (z != null && !Double.isFinite(z) || p != null && !Double.isFinite(p)) {
            throw new IllegalArgumentException("z and p must be finite or absent");
        }
        if (bin < -3 || bin > 3) {
            throw new IllegalArgumentException("bin must be between -3 and 3");
        }
    }
}
