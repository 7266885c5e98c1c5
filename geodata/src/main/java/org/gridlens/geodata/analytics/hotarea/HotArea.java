package org.gridlens.geodata.analytics.hotarea;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One hot area of repeated incidents of a category. {@code outline} is the convex hull of its
 * incidents buffered by 10 m (GeoJSON, WGS84); {@code centreLon/Lat} their mean position;
 * {@code gridCode} the grid holding the centre (null outside every grid). {@code incidents} counts the
 * incidents that belong to the area; {@code medianRepeatDays} is the median gap between consecutive
 * incidents. {@code topSources} and {@code topCategories} map code → count (the 3 largest), the latter
 * over every incident inside the outline. {@code openShare} is the share not yet closed (rejected
 * reports excluded). {@code weeklyCounts} covers the window in 7-day steps from its start (the last
 * step may be shorter); {@code trendZ}/{@code trendP}/{@code trend} are Mann-Kendall on them
 * (trend "increasing"/"decreasing" at p &lt; 0.05, else "none").
 */
public record HotArea(int id, int rank, String category, String outline, double centreLon, double centreLat, String gridCode,
                      long incidents, LocalDate first, LocalDate last, double medianRepeatDays, Map<String, Long> topSources,
                      Map<String, Long> topCategories, double openShare, int[] weeklyCounts, double trendZ, double trendP,
                      String trend) {
    public HotArea {
        Objects.requireNonNull(category, "category");
        Objects.requireNonNull(outline, "outline");
        topSources = Map.copyOf(topSources);
        topCategories = Map.copyOf(topCategories);
        weeklyCounts = weeklyCounts.clone();
        if (!Double.isFinite(trendZ) || !Double.isFinite(trendP) || !Double.isFinite(medianRepeatDays)) {
            throw new IllegalArgumentException("statistics must be finite");
        }
    }
}
