package org.gridlens.geodata.analytics.hotspot;

import java.util.Arrays;
import java.util.Objects;

/**
 * Binary spatial weights with the feature itself included (the Gi* form): {@code neighbours[i]} lists
 * every j with w_ij = 1, i itself among them, in ascending order. All other weights are 0.
 *
 * <p>Binary weights are what ArcGIS's Hot Spot Analysis uses with a fixed distance band and what
 * spdep's {@code nb2listw(style = "B")} builds; the Gi* z-score does not change when a row is scaled,
 * so row standardisation would give the same z (for Gi*, not for Gi).
 *
 * @param neighbours per feature, the sorted indices of its neighbours including itself
 * @param description how the weights were built, e.g. "fixed distance band 350 m" (for reports)
 */
public record SpatialWeights(int[][] neighbours, String description) {

    public SpatialWeights {
        Objects.requireNonNull(neighbours, "neighbours");
        Objects.requireNonNull(description, "description");
        for (int i = 0; i < neighbours.length; i++) {
            int[] row = neighbours[i];
            if (row == null || Arrays.binarySearch(row, i) < 0) {
                throw new IllegalArgumentException("feature " + i + " must be its own neighbour (Gi* weights)");
            }
            for (int k = 0; k < row.length; k++) {
                if (row[k] < 0 || row[k] >= neighbours.length || k > 0 && row[k] <= row[k - 1]) {
                    throw new IllegalArgumentException("neighbours of feature " + i + " must be sorted distinct indices");
                }
            }
        }
    }

    /** Number of features. */
    public int size() {
        return neighbours.length;
    }

    /** Number of neighbours of feature i, itself included. */
    public int count(int i) {
        return neighbours[i].length;
    }

    /** Smallest neighbour count over all features, self included (at least 1). */
    public int minCount() {
        return Arrays.stream(neighbours).mapToInt(r -> r.length).min().orElse(0);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SpatialWeights w && Arrays.deepEquals(neighbours, w.neighbours) && description.equals(w.description);
    }

    @Override
    public int hashCode() {
        return Arrays.deepHashCode(neighbours) * 31 + description.hashCode();
    }

    @Override
    public String toString() {
        return "SpatialWeights[" + neighbours.length + " features, " + description + "]";
    }
}
