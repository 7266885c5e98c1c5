package org.gridlens.geodata.analytics.hotarea;

import java.util.Objects;
import org.gridlens.geodata.analytics.IncidentFilter;
import org.gridlens.geodata.analytics.TimeWindow;

/**
 * Find hot areas: places where at least {@code minCount} incidents of one category fall within
 * {@code radiusM} metres of each other within {@code days} days, over {@code window}.
 *
 * <p>Defaults ({@link #DEFAULT_RADIUS_M} = 150 m, {@link #DEFAULT_MIN_COUNT} = 10,
 * {@link #DEFAULT_DAYS} = 90): 150 m is about a city block or a market street — the scale a grid worker
 * patrols and a manager can act on — and sits between the 100 m unit cell and the 300 m 5-minute life
 * circle. Ten incidents of the same category in a quarter within one block is about one every nine
 * days, far above the background: at the district's volume (≈ 1,000,000 incidents over 3 years, ~50
 * categories, ≈ 100 km²) one category averages ≈ 1–2 incidents per 150 m disc per quarter, so ten
 * is at least five times even a dense centre's background, while repeated problems (a market, a school
 * gate, a construction site) reach it within weeks.
 */
public record HotAreaRequest(TimeWindow window, IncidentFilter filter, double radiusM, int minCount, int days) {

    public static final double DEFAULT_RADIUS_M = 150;
    public static final int DEFAULT_MIN_COUNT = 10;
    public static final int DEFAULT_DAYS = 90;

    public HotAreaRequest {
        Objects.requireNonNull(window, "window");
        Objects.requireNonNull(filter, "filter");
        if (!(radiusM >= 10 && radiusM <= 2000)) {
            throw new IllegalArgumentException("radius must be between 10 and 2000 m");
        }
        if (minCount < 3 || minCount > 10_000) {
            throw new IllegalArgumentException("minimum count must be between 3 and 10000");
        }
        if (days < 1 || days > 366) {
            throw new IllegalArgumentException("days must be between 1 and 366");
        }
        if (days > window.days()) {
            throw new IllegalArgumentException("days (" + days + ") must not exceed the window (" + window.days() + " days)");
        }
    }

    /** A stable text form for cache keys. */
    public String key() {
        return String.join("|", window.from().toString(), window.to().toString(), filter.key(), Double.toString(radiusM),
                Integer.toString(minCount), Integer.toString(days));
    }
}
