package org.gridlens.geodata.analytics.hotspot;

import java.util.Arrays;
import org.apache.commons.math3.special.Erf;

/**
 * Two-sided normal p-values and confidence bins for Gi* z-scores.
 *
 * <p>p = erfc(|z| / √2), from commons-math3 (relative accuracy near machine precision; p underflows
 * to 0 only beyond |z| ≈ 38). The bins are ArcGIS's Gi_Bin: ±3, ±2, ±1 for 99, 95 and 90 % confidence,
 * sign of z. With the False Discovery Rate correction (Benjamini–Hochberg, as Optimized Hot Spot
 * Analysis always applies), a feature is significant at level α when its p is at most p_(k*), where
 * k* is the largest rank k with p_(k) ≤ k·α/m over the m features that have a p-value. The p-values
 * themselves are never adjusted, only the bins.
 */
public final class SignificanceBinner {

    private static final double[] ALPHAS = {0.01, 0.05, 0.10};

    private SignificanceBinner() {
    }

    /** Two-sided p of a standard normal z; NaN stays NaN. */
    public static double pValue(double z) {
        return Double.isNaN(z) ? Double.NaN : Erf.erfc(Math.abs(z) / Math.sqrt(2.0));
    }

    /** Bins −3..3 for each z (0 for NaN); {@code fdr} selects the Benjamini–Hochberg correction. */
    public static int[] bins(double[] z, boolean fdr) {
        // p is only needed exactly where it can be significant (p ≤ 0.10 ⇔ |z| ≥ 1.6448…); elsewhere any
        // value above 0.10 ranks the same in Benjamini–Hochberg and never qualifies, so skip the erfc.
        double[] p = new double[z.length];
        for (int i = 0; i < z.length; i++) {
            p[i] = Double.isNaN(z[i]) ? Double.NaN : Math.abs(z[i]) < 1.6 ? 1.0 : pValue(z[i]);
        }
        double[] cut = new double[ALPHAS.length];
        for (int a = 0; a < ALPHAS.length; a++) {
            cut[a] = fdr ? bhThreshold(p, ALPHAS[a]) : ALPHAS[a];
        }
        int[] bins = new int[z.length];
        for (int i = 0; i < z.length; i++) {
            if (Double.isNaN(p[i])) {
                continue;
            }
            int level = 0;
            for (int a = 0; a < ALPHAS.length; a++) {
                boolean sig = fdr ? p[i] <= cut[a] : p[i] < cut[a];
                if (sig) {
                    level = 3 - a;
                    break;
                }
            }
            bins[i] = z[i] > 0 ? level : -level;
        }
        return bins;
    }

    /** Largest p_(k) with p_(k) ≤ k α / m, or −1 when no p qualifies. */
    static double bhThreshold(double[] p, double alpha) {
        double[] sorted = Arrays.stream(p).filter(v -> !Double.isNaN(v)).sorted().toArray();
        int m = sorted.length;
        double t = -1;
        for (int k = 1; k <= m; k++) {
            if (sorted[k - 1] <= k * alpha / m) {
                t = sorted[k - 1];
            }
        }
        return t;
    }
}
