package org.gridlens.geodata.analytics.coverage;

import java.util.Locale;

/**
 * Who a facility serves. Ages are whole years at the reference year (year − birth_year); school ages
 * follow China's system (preschool 0–5, primary 6–11, middle 12–14). Each group's SQL predicate is a
 * fixed fragment over {@code r} (resident) with the reference year as bind parameters {@code ?}.
 */
public enum PopulationGroup {
    ALL("true", 0, false),
    ELDERLY("? - r.birth_year >= 65", 1, false),
    ELDERLY_ALONE("r.elderly_living_alone", 0, true),
    CHILDREN_PRESCHOOL("? - r.birth_year BETWEEN 0 AND 5", 1, false),
    CHILDREN_PRIMARY("? - r.birth_year BETWEEN 6 AND 11", 1, false),
    CHILDREN_MIDDLE("? - r.birth_year BETWEEN 12 AND 14", 1, false),
    DISABLED("r.disabled", 0, true);

    private final String predicate;
    private final int yearBinds;
    private final boolean vulnerable;

    PopulationGroup(String predicate, int yearBinds, boolean vulnerable) {
        this.predicate = predicate;
        this.yearBinds = yearBinds;
        this.vulnerable = vulnerable;
    }

    String predicate() {
        return predicate;
    }

    int yearBinds() {
        return yearBinds;
    }

    /** Whether the vulnerable-group suppression threshold applies. */
    public boolean vulnerable() {
        return vulnerable;
    }

    /** Lower-case name, e.g. "children_primary". */
    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses a group code; unknown codes are refused listing the known ones. */
    public static PopulationGroup parse(String s) {
        for (PopulationGroup g : values()) {
            if (g.code().equals(s)) {
                return g;
            }
        }
        throw new IllegalArgumentException("unknown population group; expected one of "
                + java.util.Arrays.stream(values()).map(PopulationGroup::code).toList());
    }
}
