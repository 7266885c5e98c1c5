package org.gridlens.geodata.analytics.trend;

import java.util.Objects;

/**
 * One location's Emerging Hot Spot result: its class, the Mann-Kendall trend of its Gi* z-series
 * ({@code trendZ}, {@code trendP}) and how many steps were significantly hot or cold.
 */
public record EmergingLocation(String id, String emergingClass, double trendZ, double trendP, int hotSteps, int coldSteps) {
    public EmergingLocation {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(emergingClass, "emergingClass");
        if (!Double.isFinite(trendZ) || !Double.isFinite(trendP)) {
            throw new IllegalArgumentException("trend statistics must be finite");
        }
    }
}
