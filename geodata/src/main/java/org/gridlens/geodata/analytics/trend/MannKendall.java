package org.gridlens.geodata.analytics.trend;

import java.util.Arrays;
import org.gridlens.geodata.analytics.hotspot.SignificanceBinner;

/**
 * The Mann-Kendall trend test with the tie correction (Kendall 1975):
 *
 * <pre>
 * S = Σ_{i&lt;j} sign(x_j − x_i)
 * Var(S) = [ n(n−1)(2n+5) − Σ_g t_g(t_g−1)(2t_g+5) ] / 18      (t_g = size of tie group g)
 * Z = (S − 1)/√Var if S &gt; 0;  (S + 1)/√Var if S &lt; 0;  0 if S = 0
 * </pre>
 *
 * with a two-sided normal p. The normal approximation is used at every n (for n &lt; 10 it is rough;
 * callers should not call a trend on fewer than 10 steps significant). O(n²); weekly series of a few
 * hundred steps take microseconds.
 *
 * @param s the statistic S
 * @param variance Var(S) with the tie correction
 * @param z the continuity-corrected z (0 when Var(S) = 0, i.e. all values tied)
 * @param p two-sided p of z
 */
public record MannKendall(long s, double variance, double z, double p) {

    /** Tests {@code x} (at least 3 finite values). */
    public static MannKendall test(double[] x) {
        int n = x.length;
        if (n < 3) {
            throw new IllegalArgumentException("Mann-Kendall needs at least 3 values, got " + n);
        }
        long s = 0;
        for (int i = 0; i < n; i++) {
            if (!Double.isFinite(x[i])) {
                throw new IllegalArgumentException("values must be finite");
            }
            for (int j = i + 1; j < n; j++) {
                s += Double.compare(x[j], x[i]) > 0 ? 1 : x[j] < x[i] ? -1 : 0;
            }
        }
        double[] sorted = x.clone();
        Arrays.sort(sorted);
        double ties = 0;
        int run = 1;
        for (int i = 1; i <= n; i++) {
            if (i < n && sorted[i] == sorted[i - 1]) {
                run++;
            } else {
                ties += (double) run * (run - 1) * (2 * run + 5);
                run = 1;
            }
        }
        double var = ((double) n * (n - 1) * (2 * n + 5) - ties) / 18.0;
        double z = var <= 0 || s == 0 ? 0 : (s > 0 ? s - 1 : s + 1) / Math.sqrt(var);
        return new MannKendall(s, var, z, SignificanceBinner.pValue(z));
    }

    /** +1 for a significant upward trend at level alpha, −1 downward, 0 none. */
    public int trend(double alpha) {
        return p < alpha ? (z > 0 ? 1 : -1) : 0;
    }
}
