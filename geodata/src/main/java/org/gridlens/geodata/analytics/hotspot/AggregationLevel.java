package org.gridlens.geodata.analytics.hotspot;

import java.util.Locale;

/** The features incidents are counted on before Gi*: unit cells, hexagons of a chosen size, or management grids. */
public enum AggregationLevel {
    /** The 100 m unit cells (万米单元网格), zero-count cells included. */
    CELL,
    /** Regular hexagons (PostGIS ST_HexagonGrid in EPSG:4543) covering the district, zero-count ones included. */
    HEXAGON,
    /** Management grids (网格). */
    GRID;

    /** Parses "cell", "hexagon" or "grid" (case-insensitive). */
    public static AggregationLevel parse(String s) {
        for (AggregationLevel l : values()) {
            if (l.name().equalsIgnoreCase(s == null ? "" : s.trim())) {
                return l;
            }
        }
        throw new IllegalArgumentException("unknown aggregation; expected cell, hexagon or grid");
    }

    /** Lower-case name. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
