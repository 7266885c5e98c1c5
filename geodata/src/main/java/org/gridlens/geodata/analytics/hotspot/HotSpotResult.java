package org.gridlens.geodata.analytics.hotspot;

import java.util.List;
import java.util.Objects;

/**
 * The outcome of a hot-spot run. When {@code refusal} is non-null no statistic could be computed
 * (too few features, zero variance, k too large …) and {@code features} is empty; the reason is
 * written for people, as ArcGIS does. {@code weights} describes the conceptualisation used and
 * {@code bandM} the band in metres (null for KNN).
 */
public record HotSpotResult(String level, int featureCount, String weights, Double bandM, boolean fdr,
                            List<HotSpotFeature> features, String refusal) {
    public HotSpotResult {
        Objects.requireNonNull(level, "level");
        features = List.copyOf(features);
        if (refusal != null && !features.isEmpty()) {
            throw new IllegalArgumentException("a refused run has no features");
        }
    }

    static HotSpotResult refused(String level, int featureCount, String reason) {
        return new HotSpotResult(level, featureCount, "none", null, false, List.of(), reason);
    }

    /** Counts of features per bin, index 0 = bin −3 … index 6 = bin +3. */
    public int[] binCounts() {
        int[] c = new int[7];
        features.forEach(f -> c[f.bin() + 3]++);
        return c;
    }
}
