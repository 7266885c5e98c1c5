package org.gridlens.geodata.analytics.layer;

import java.util.Set;

/**
 * A materialised analytics result behind one tile layer, with the tables whose changes make it stale.
 */
public enum AnalyticProduct {
    /** Gi* bins per unit cell over the last 365 days with incidents ({@code analytic_hotspot_cell}). */
    HOTSPOTS(Set.of("incident", "unit_cell")),
    /** Hot areas of repeated incidents over the same window ({@code analytic_hotarea}). */
    HOT_AREAS(Set.of("incident", "case_event", "region")),
    /** Facility coverage share per grid and type at the defaults ({@code analytic_coverage_grid}). */
    COVERAGE(Set.of("facility", "resident", "housing_unit", "building", "region", "road")),
    /** Camera coverage and blind spots per grid ({@code analytic_camera_grid}). */
    CAMERAS(Set.of("camera", "region", "road"));

    private final Set<String> inputs;

    AnalyticProduct(Set<String> inputs) {
        this.inputs = inputs;
    }

    /** Tables whose changes can alter this product. */
    public Set<String> inputs() {
        return inputs;
    }

    /** True when a change to {@code table} ("*" = any) can alter this product. */
    public boolean dependsOn(String table) {
        return "*".equals(table) || inputs.contains(table);
    }
}
