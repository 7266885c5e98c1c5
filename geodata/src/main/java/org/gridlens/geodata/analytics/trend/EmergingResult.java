package org.gridlens.geodata.analytics.trend;

import java.util.List;
import java.util.Map;

/**
 * Emerging Hot Spot classes per unit cell over weekly steps. Cells without any incident in the window
 * are left out of {@code locations} (their class is always no pattern) but take part in the statistics.
 * {@code refusal} is non-null when nothing could be computed (and then the lists are empty).
 */
public record EmergingResult(int steps, int cells, String weights, Map<String, Integer> classCounts,
                             List<EmergingLocation> locations, String refusal) {
    public EmergingResult {
        classCounts = Map.copyOf(classCounts);
        locations = List.copyOf(locations);
    }
}
