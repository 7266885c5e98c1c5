package org.gridlens.geodata.analytics;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Objects;

/**
 * A half-open window of local days [from, to) in the district's time zone, Asia/Shanghai: an incident
 * reported at local time t is inside when from 00:00 ≤ t &lt; to 00:00. Not empty, not reversed and at
 * most {@link #MAX_YEARS} years long.
 */
public record TimeWindow(LocalDate from, LocalDate to) {

    /** The district's time zone (no daylight saving). */
    public static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
    /** Longest window accepted, in years. */
    public static final int MAX_YEARS = 5;

    public TimeWindow {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        if (!from.isBefore(to)) {
            throw new IllegalArgumentException(from.equals(to)
                    ? "the window [" + from + ", " + to + ") is empty: 'to' is exclusive"
                    : "the window is reversed: from " + from + " is after to " + to);
        }
        if (to.isAfter(from.plusYears(MAX_YEARS))) {
            throw new IllegalArgumentException("the window is longer than " + MAX_YEARS + " years");
        }
    }

    /** Refuses a window that starts after {@code today} (nothing can have been reported yet). */
    public TimeWindow requireStarted(LocalDate today) {
        if (from.isAfter(today)) {
            throw new IllegalArgumentException("the window starts in the future (" + from + " is after today, " + today + ")");
        }
        return this;
    }

    /** Number of days in the window. */
    public long days() {
        return to.toEpochDay() - from.toEpochDay();
    }
}
