package org.gridlens.geodata.analytics.hotspot;

import java.util.Objects;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import org.gridlens.geodata.analytics.IncidentFilter;
import org.gridlens.geodata.analytics.TimeWindow;

/**
 * A Gi* hot-spot run: aggregate incidents of {@code filter} in {@code window} to {@code level}
 * (hexagons of edge {@code hexSizeM} metres), then weight by a fixed distance band ({@code bandM}
 * metres, or the default band when both band and k are empty) or by the {@code k} nearest neighbours;
 * {@code fdr} applies the Benjamini–Hochberg correction to the bins.
 */
public record HotSpotRequest(AggregationLevel level, double hexSizeM, TimeWindow window, IncidentFilter filter,
                             OptionalDouble bandM, OptionalInt k, boolean fdr) {

    /** Largest distance band accepted, metres. */
    public static final double MAX_BAND_M = 20_000;

    public HotSpotRequest {
        Objects.requireNonNull(level, "level");
        Objects.requireNonNull(window, "window");
        Objects.requireNonNull(filter, "filter");
        Objects.requireNonNull(bandM, "bandM");
        Objects.requireNonNull(k, "k");
        if (bandM.isPresent() && k.isPresent()) {
            throw new IllegalArgumentException("give either a distance band or k nearest neighbours, not both");
        }
        if (bandM.isPresent() && !(bandM.getAsDouble() > 0 && bandM.getAsDouble() <= MAX_BAND_M)) {
            throw new IllegalArgumentException("distance band must be > 0 and ≤ " + (int) MAX_BAND_M + " m");
        }
        if (k.isPresent() && k.getAsInt() < 1) {
            throw new IllegalArgumentException("k must be at least 1");
        }
        if (level == AggregationLevel.HEXAGON
                && !(hexSizeM >= IncidentAggregator.MIN_HEX_M && hexSizeM <= IncidentAggregator.MAX_HEX_M)) {
            throw new IllegalArgumentException("hexagon size must be between " + (int) IncidentAggregator.MIN_HEX_M
                    + " and " + (int) IncidentAggregator.MAX_HEX_M + " m");
        }
    }

    /** A stable text form for cache keys. */
    public String key() {
        return String.join("|", level.label(), Double.toString(hexSizeM), window.from().toString(), window.to().toString(),
                filter.key(), bandM.toString(), k.toString(), Boolean.toString(fdr));
    }
}
