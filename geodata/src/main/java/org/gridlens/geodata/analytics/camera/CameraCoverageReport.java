package org.gridlens.geodata.analytics.camera;

import java.util.List;

/**
 * Camera coverage of a set of grids, worst area share first.
 *
 * @param roadsPresent  whether any road centre line lies in the grids (else every road share is null)
 * @param areaM2        total grid area, m²
 * @param seenM2        total area inside view sectors, m²
 * @param areaShare     seenM2 / areaM2 (null for no grids)
 * @param roadM         total road length, m
 * @param roadSeenM     total road length inside view sectors, m
 * @param roadShare     roadSeenM / roadM (null without roads)
 * @param grids         per grid, lowest area share first, then grid code
 */
public record CameraCoverageReport(boolean roadsPresent, double areaM2, double seenM2, Double areaShare, double roadM,
                                   double roadSeenM, Double roadShare, List<GridCameraCoverage> grids) {
    public CameraCoverageReport {
        grids = List.copyOf(grids);
    }
}
