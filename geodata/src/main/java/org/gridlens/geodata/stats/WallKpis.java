package org.gridlens.geodata.stats;

import java.time.LocalDate;

/**
 * Header figures of the wall display.
 *
 * @param day                reference local day: the latest day with an incident (today when there are none)
 * @param incidentsToday     incidents reported on {@code day}
 * @param openCases          cases not closed and not rejected
 * @param overdueCases       open cases past their deadline now
 * @param windowCases        non-rejected incidents of the 30 days ending with {@code day}
 * @param windowClosed       of those, the closed ones
 * @param closedWithDeadline incidents of the window closed and having a deadline
 * @param closedOnTime       of those, closed no later than the deadline
 * @param residents          residents on record
 * @param elderlyLivingAlone residents aged 65+ living alone (an aggregate; never person-level)
 */
public record WallKpis(LocalDate day, long incidentsToday, long openCases, long overdueCases, long windowCases,
                       long windowClosed, long closedWithDeadline, long closedOnTime, long residents,
                       long elderlyLivingAlone) {

    public WallKpis {
        if (day == null) {
            throw new IllegalArgumentException("day is required");
        }
        if (windowClosed > windowCases || closedOnTime > closedWithDeadline) {
            throw new IllegalArgumentException("a part cannot exceed its whole");
        }
    }

    /** Closed share of the window's cases, 0..1; null when the window has no cases (not 0: nothing to rate). */
    public Double closureRate() {
        return windowCases == 0 ? null : (double) windowClosed / windowCases;
    }

    /** Share of closed cases closed by their deadline, 0..1; null when none closed with a deadline. */
    public Double onTimeRate() {
        return closedWithDeadline == 0 ? null : (double) closedOnTime / closedWithDeadline;
    }
}
