package org.gridlens.geodata.region;

import java.util.Locale;

/** The levels of the region hierarchy, coarse to fine. */
public enum RegionLevel {
    DISTRICT, SUBDISTRICT, COMMUNITY, GRID;

    /** The value stored in {@code region.level}. */
    public String sqlValue() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses a level name; the exception message lists the valid ones and never echoes the input. */
    public static RegionLevel parse(String s) {
        for (RegionLevel l : values()) {
            if (l.sqlValue().equals(s)) {
                return l;
            }
        }
        throw new IllegalArgumentException("region level must be one of district, subdistrict, community, grid");
    }
}
