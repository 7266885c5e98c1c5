package org.gridlens.geodata.analytics.hotspot;

import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.gridlens.geodata.analytics.TimeWindow;

/**
 * Runs Gi* on aggregated incident counts the way ArcGIS's (Optimized) Hot Spot Analysis does:
 * binary weights with self, analytic two-sided p, ±3/±2/±1 bins with optional FDR.
 *
 * <p>Refusals (a result with a reason, not an exception), as ArcGIS refuses: fewer than
 * {@link #MIN_FEATURES} features; all counts equal (zero variance); k not below the feature count.
 * A window starting in the future is a caller error (IllegalArgumentException).
 */
public final class HotSpotAnalyzer {

    /** Minimum number of features (ArcGIS OHSA's minimum for aggregated polygons). */
    public static final int MIN_FEATURES = 30;
    /** Weights of recent feature sets (the 100 m cells are the same for every window and filter). */
    private static final SpatialWeightsCache WEIGHTS = SpatialWeightsCache.shared();

    private final IncidentAggregator aggregator;
    private final Clock clock;

    public HotSpotAnalyzer(IncidentAggregator aggregator, Clock clock) {
        this.aggregator = Objects.requireNonNull(aggregator, "aggregator");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    public HotSpotResult analyze(HotSpotRequest request) {
        request.window().requireStarted(LocalDate.now(clock.withZone(TimeWindow.ZONE)));
        List<AggregatedFeature> features = aggregator.aggregate(request.level(), request.hexSizeM(), request.window(),
                request.filter());
        return analyze(request, features);
    }

    /** Gi* over already aggregated features (public for tests and benchmarks). */
    public static HotSpotResult analyze(HotSpotRequest request, List<AggregatedFeature> features) {
        String level = request.level().label();
        int n = features.size();
        if (n < MIN_FEATURES) {
            return HotSpotResult.refused(level, n, "only " + n + " features; at least " + MIN_FEATURES
                    + " are needed for a meaningful hot-spot analysis");
        }
        if (request.k().isPresent() && request.k().getAsInt() >= n) {
            return HotSpotResult.refused(level, n, "k = " + request.k().getAsInt() + " is not below the feature count " + n);
        }
        double[] x = new double[n];
        double[] y = new double[n];
        double[] v = new double[n];
        boolean varies = false;
        for (int i = 0; i < n; i++) {
            AggregatedFeature f = features.get(i);
            x[i] = f.x();
            y[i] = f.y();
            v[i] = f.count();
            varies |= v[i] != v[0];
        }
        if (!varies) {
            return HotSpotResult.refused(level, n, "every feature has the same count (" + (long) v[0]
                    + "): zero variance, so no hot or cold spots can be computed");
        }
        String spec = request.k().isPresent() ? "k=" + request.k().getAsInt()
                : request.bandM().isPresent() ? "band=" + request.bandM().getAsDouble() : "default band";
        SpatialWeightsCache.Built built = WEIGHTS.get(x, y, spec, () -> {
            SpatialWeightsBuilder builder = new SpatialWeightsBuilder(x, y);
            if (request.k().isPresent()) {
                return new SpatialWeightsCache.Built(builder.nearest(request.k().getAsInt()), null);
            }
            double b = request.bandM().isPresent() ? request.bandM().getAsDouble() : builder.defaultBand();
            return new SpatialWeightsCache.Built(builder.distanceBand(b), b);
        });
        SpatialWeights w = built.weights();
        Double band = built.band();
        double[] z = GiStarCalculator.zScores(v, w);
        int[] bins = SignificanceBinner.bins(z, request.fdr());
        List<HotSpotFeature> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            AggregatedFeature f = features.get(i);
            boolean defined = !Double.isNaN(z[i]);
            out.add(new HotSpotFeature(f.id(), f.count(), defined ? z[i] : null,
                    defined ? SignificanceBinner.pValue(z[i]) : null, bins[i], w.count(i), f.geoJson()));
        }
        return new HotSpotResult(level, n, w.description(), band, request.fdr(), out, null);
    }
}
