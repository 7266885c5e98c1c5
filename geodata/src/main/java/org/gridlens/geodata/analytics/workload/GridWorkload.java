package org.gridlens.geodata.analytics.workload;

import java.util.Objects;

/**
 * The load of one management grid's workers in a window.
 *
 * @param gridCode            grid code
 * @param gridName            grid name
 * @param workers             full-time plus part-time grid workers (supervisors excluded); 0 = no staffing data
 * @param fullTime            full-time grid workers
 * @param partTime            part-time grid workers
 * @param supervisors         supervisors of the grid
 * @param incidents           incidents reported in the grid in the window
 * @param residents           residents of the grid; null when withheld by small-count suppression
 * @param incidentsPerWorker  incidents / workers; null without staffing data (never a division by zero)
 * @param residentsPerWorker  residents / workers; null without staffing data or when residents are withheld
 * @param staffing            "staffed" or "no staffing data"
 */
public record GridWorkload(String gridCode, String gridName, int workers, int fullTime, int partTime, int supervisors,
                           long incidents, Long residents, Double incidentsPerWorker, Double residentsPerWorker,
                           String staffing) {

    public static final String STAFFED = "staffed";
    public static final String NO_STAFFING = "no staffing data";

    public GridWorkload {
        Objects.requireNonNull(gridCode, "gridCode");
        if (workers != fullTime + partTime || fullTime < 0 || partTime < 0 || supervisors < 0 || incidents < 0) {
            throw new IllegalArgumentException("workers = full time + part time, counts not negative");
        }
        if (workers == 0 && (incidentsPerWorker != null || residentsPerWorker != null)) {
            throw new IllegalArgumentException("a grid without workers has no per-worker figures");
        }
    }
}
