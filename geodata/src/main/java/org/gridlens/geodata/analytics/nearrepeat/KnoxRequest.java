package org.gridlens.geodata.analytics.nearrepeat;

import java.util.Objects;
import org.gridlens.geodata.analytics.IncidentFilter;
import org.gridlens.geodata.analytics.TimeWindow;

/**
 * A Knox test: {@code spatialBands} equal half-open distance bands of {@code spatialBandM} metres
 * ([0, b), [b, 2b) …) crossed with {@code temporalBands} half-open bands of {@code temporalBandDays}
 * days, {@code permutations} Monte-Carlo runs with {@code seed}. Pairs farther apart than the last
 * band in either dimension are not tabulated (Ratcliffe's calculator adds "more than" bands; we do not).
 */
public record KnoxRequest(TimeWindow window, IncidentFilter filter, double spatialBandM, int spatialBands,
                          double temporalBandDays, int temporalBands, int permutations, long seed) {

    /** Most incidents a run accepts (the pair table grows with the square of local density). */
    public static final int MAX_EVENTS = 30_000;

    public KnoxRequest {
        Objects.requireNonNull(window, "window");
        Objects.requireNonNull(filter, "filter");
        if (!(spatialBandM >= 1 && spatialBandM <= 2000) || spatialBands < 1 || spatialBands > 20) {
            throw new IllegalArgumentException("spatial bands: width 1..2000 m, 1..20 bands");
        }
        if (!(temporalBandDays >= 1 && temporalBandDays <= 365) || temporalBands < 1 || temporalBands > 20) {
            throw new IllegalArgumentException("temporal bands: width 1..365 days, 1..20 bands");
        }
        if (permutations < 19 || permutations > 9999) {
            throw new IllegalArgumentException("permutations must be between 19 and 9999");
        }
    }
}
