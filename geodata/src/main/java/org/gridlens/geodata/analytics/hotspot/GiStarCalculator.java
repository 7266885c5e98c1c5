package org.gridlens.geodata.analytics.hotspot;

/**
 * Getis-Ord Gi* z-scores exactly as spdep's {@code localG} computes them with self-included binary
 * weights (and as ArcGIS's Hot Spot Analysis reports them as GiZScore):
 *
 * <pre>
 * z_i = (Σ_j w_ij x_j − x̄ W_i) / ( S · sqrt( (n S1_i − W_i²) / (n − 1) ) )
 * W_i = Σ_j w_ij,  S1_i = Σ_j w_ij²,  x̄ = Σ x / n,  S² = Σ x² / n − x̄²   (population variance)
 * </pre>
 *
 * with the sums over all j including i. Numerically the variance is taken as Σ(x − x̄)²/n (two-pass).
 *
 * <p>Limits: z is undefined when S = 0 (all values equal) — refused with IllegalArgumentException —
 * and for a feature whose neighbourhood is every feature (W_i = n); such a feature gets {@code NaN},
 * which callers must turn into "no result" (never into JSON numbers).
 */
public final class GiStarCalculator {

    private GiStarCalculator() {
    }

    /** z-scores of {@code values} under {@code weights} (same order). */
    public static double[] zScores(double[] values, SpatialWeights weights) {
        int n = values.length;
        if (n != weights.size()) {
            throw new IllegalArgumentException(n + " values but weights for " + weights.size() + " features");
        }
        if (n < 3) {
            throw new IllegalArgumentException("Gi* needs at least 3 features, got " + n);
        }
        double sum = 0;
        for (double v : values) {
            if (!Double.isFinite(v)) {
                throw new IllegalArgumentException("values must be finite");
            }
            sum += v;
        }
        double mean = sum / n;
        double ss = 0;
        for (double v : values) {
            ss += (v - mean) * (v - mean);
        }
        double s = Math.sqrt(ss / n);
        if (!(s > 0)) {
            throw new IllegalArgumentException("all values are equal (zero variance): no hot or cold spots can be computed");
        }
        double[] z = new double[n];
        for (int i = 0; i < n; i++) {
            int[] row = weights.neighbours()[i];
            double lag = 0;
            for (int j : row) {
                lag += values[j];
            }
            double wi = row.length;
            double s1 = row.length;
            double var = (n * s1 - wi * wi) / (n - 1);
            z[i] = var > 0 ? (lag - mean * wi) / (s * Math.sqrt(var)) : Double.NaN;
        }
        return z;
    }
}
