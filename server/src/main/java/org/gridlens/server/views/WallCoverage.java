package org.gridlens.server.views;

import java.util.Objects;

/**
 * What the wall's coverage-gaps panel and layer show: one facility type, reach and population group,
 * fixed by the wall config (a kiosk cannot ask for others).
 *
 * @param type   a facility type id (checked by the analytics API when the report is computed)
 * @param reachM the reach in metres, positive
 * @param group  a population group id
 */
public record WallCoverage(String type, double reachM, String group) {

    /** The built-in entry: elderly day care within 300 m of the elderly. */
    public static final WallCoverage DEFAULT = new WallCoverage("elderly_day_care", 300, "elderly");

    public WallCoverage {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(group, "group");
        if (!(reachM > 0)) {
            throw new IllegalArgumentException("reach must be positive metres, was " + reachM);
        }
    }
}
