package org.gridlens.geodata.analytics.coverage;

import java.util.List;

/**
 * Coverage for every grid, ranked worst first (lowest share first, grids with no share last, larger
 * groups first on ties), with district totals. {@code method} says how reach was measured:
 * "straight-line" (Euclidean in EPSG:4543, no road network).
 */
public record CoverageReport(String facilityType, double reachM, String group, String method, Long districtGroupSize,
                             Long districtCovered, Long districtCoveredDelta, List<GridCoverage> grids) {
    public CoverageReport {
        grids = List.copyOf(grids);
    }
}
