package org.gridlens.geodata.analytics.trend;

import java.util.Locale;

/** Esri's Emerging Hot Spot Analysis categories (hot ones and their cold mirrors), plus no pattern. */
public enum EmergingClass {
    NEW_HOT, CONSECUTIVE_HOT, INTENSIFYING_HOT, PERSISTENT_HOT, DIMINISHING_HOT, SPORADIC_HOT, OSCILLATING_HOT, HISTORICAL_HOT,
    NEW_COLD, CONSECUTIVE_COLD, INTENSIFYING_COLD, PERSISTENT_COLD, DIMINISHING_COLD, SPORADIC_COLD, OSCILLATING_COLD,
    HISTORICAL_COLD, NO_PATTERN;

    /** Lower-case label, e.g. "new_hot". */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
