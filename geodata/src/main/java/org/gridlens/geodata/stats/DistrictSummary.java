package org.gridlens.geodata.stats;

import java.time.LocalDate;
import java.util.List;

/**
 * Headline figures of the district for the wall.
 *
 * @param residents          residents on record
 * @param elderlyLivingAlone residents aged 65+ living alone (an aggregate; never person-level)
 * @param openCases          cases not yet closed
 * @param overdueCases       open cases past their deadline
 * @param windowStart        first local day of the incident window (inclusive)
 * @param windowEnd          local day after the window (exclusive)
 * @param incidentsInWindow  incidents reported in the window
 * @param byGrid             incidents in the window per management grid, every grid listed (0 included)
 */
public record DistrictSummary(long residents, long elderlyLivingAlone, long openCases, long overdueCases,
                              LocalDate windowStart, LocalDate windowEnd, long incidentsInWindow,
                              List<GridCount> byGrid) {

    /** Incidents in one grid. */
    public record GridCount(String code, String name, long incidents) {
    }
}
