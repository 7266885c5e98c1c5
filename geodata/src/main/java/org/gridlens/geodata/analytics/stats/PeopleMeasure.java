package org.gridlens.geodata.analytics.stats;

import java.util.Locale;

/**
 * Counts of people published per region. Ages are whole years at the window's last day, from the
 * birth year only (age = year − birth_year). Vulnerable groups (elderly living alone, disabled, low
 * income) use the stricter threshold.
 */
public enum PeopleMeasure {
    RESIDENTS(false), AGE_0_14(false), AGE_15_64(false), AGE_65_PLUS(false), ELDERLY_LIVING_ALONE(true),
    DISABLED(true), LOW_INCOME(true), REGISTERED(false), FLOATING(false);

    private final boolean vulnerable;

    PeopleMeasure(boolean vulnerable) {
        this.vulnerable = vulnerable;
    }

    /** Whether the vulnerable-group threshold applies. */
    public boolean vulnerable() {
        return vulnerable;
    }

    /** JSON/CSV name, e.g. "age_65_plus". */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
