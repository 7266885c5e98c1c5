package org.gridlens.geodata.analytics.camera;

import java.util.Objects;

/**
 * Camera coverage of one management grid.
 *
 * @param gridCode  grid code
 * @param gridName  grid name
 * @param cameras   cameras whose view sector reaches into the grid (wherever they stand)
 * @param areaM2    grid area, m² (EPSG:4543)
 * @param seenM2    grid area inside at least one view sector, m²
 * @param areaShare seenM2 / areaM2 (null for a grid of no area)
 * @param roadM     road centre-line length inside the grid, m (0 where no roads are recorded)
 * @param roadSeenM road length inside the grid and inside at least one view sector, m
 * @param roadShare roadSeenM / roadM, null where the grid has no road length (never 0/0)
 */
public record GridCameraCoverage(String gridCode, String gridName, int cameras, double areaM2, double seenM2,
                                 Double areaShare, double roadM, double roadSeenM, Double roadShare) {
    public GridCameraCoverage {
        Objects.requireNonNull(gridCode, "gridCode");
        if (cameras < 0 || !(areaM2 >= 0) || !(seenM2 >= 0) || !(roadM >= 0) || !(roadSeenM >= 0)) {
            throw new IllegalArgumentException("counts, areas and lengths must be finite and not negative");
        }
    }

    /** Builds a row from measured values, clamping rounding noise so shares stay within 0..1. */
    static GridCameraCoverage of(String code, String name, int cameras, double areaM2, double seenM2, double roadM,
                                 double roadSeenM) {
        double seen = Math.min(seenM2, areaM2);
        double roadSeen = Math.min(roadSeenM, roadM);
        return new GridCameraCoverage(code, name, cameras, areaM2, seen, areaM2 > 0 ? seen / areaM2 : null, roadM, roadSeen,
                roadM > 0 ? roadSeen / roadM : null);
    }
}
