package org.gridlens.geodata.analytics.coverage;

import java.util.Objects;

/**
 * A coverage question: residents of {@code group} within {@code reachM} metres (straight line, EPSG:4543)
 * of a facility of {@code type}; optionally with a proposed facility at {@code proposedLon/Lat}
 * (WGS84, inside the Xining area) added. Reach is 1..5000 m.
 */
public record CoverageRequest(FacilityType type, double reachM, PopulationGroup group, Double proposedLon, Double proposedLat,
                              int referenceYear) {

    /** Largest reach accepted, metres (beyond a 15-minute walk by far). */
    public static final double MAX_REACH_M = 5000;

    public CoverageRequest {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(group, "group");
        if (!(reachM > 0 && reachM <= MAX_REACH_M)) {
            throw new IllegalArgumentException("reach must be more than 0 and at most " + (int) MAX_REACH_M + " m");
        }
        if ((proposedLon == null) != (proposedLat == null)) {
            throw new IllegalArgumentException("a proposed facility needs both lon and lat");
        }
        if (proposedLon != null && !(proposedLon >= 100.5 && proposedLon <= 103.5 && proposedLat >= 35.5 && proposedLat <= 37.5)) {
            throw new IllegalArgumentException("the proposed facility must lie in the Xining area (lon 100.5–103.5, lat 35.5–37.5)");
        }
        if (referenceYear < 1900 || referenceYear > 2200) {
            throw new IllegalArgumentException("reference year out of range");
        }
    }

    /** The same question without the proposed facility. */
    public CoverageRequest withoutProposal() {
        return new CoverageRequest(type, reachM, group, null, null, referenceYear);
    }

    /** Whether a proposed facility is included. */
    public boolean hasProposal() {
        return proposedLon != null;
    }
}
