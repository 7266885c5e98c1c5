package org.gridlens.geodata.analytics.trend;

/**
 * Classifies one location's time series of significance bins with Esri's definitions (domain anchors
 * §2.3; not sfdep's, whose sporadic and historical predicates differ). Let h = steps significantly hot,
 * n = steps, "final" = the last step. Hot rules, checked in this order (cold mirrors with hot/cold
 * swapped and the trend reversed):
 * <ol>
 *   <li>new: hot in the final step only;</li>
 *   <li>consecutive: an uninterrupted run of ≥ 2 hot steps ends at the final step, no hot step before
 *       it, h &lt; 90 % of n;</li>
 *   <li>intensifying: h ≥ 90 %, final hot, Mann-Kendall on the z-series significantly increasing;</li>
 *   <li>diminishing: h ≥ 90 %, final hot, significantly decreasing;</li>
 *   <li>historical: h ≥ 90 %, final not hot;</li>
 *   <li>persistent: h ≥ 90 % (final hot here), no significant trend;</li>
 *   <li>sporadic: final hot, h &lt; 90 %, on-and-off history, never significantly cold;</li>
 *   <li>oscillating: final hot, h &lt; 90 %, significantly cold at some earlier step;</li>
 * </ol>
 * else no pattern. "Historical" is checked before "persistent" because Esri defines it by the final
 * step not being hot while persistent carries no condition on it; the hot rules are tried before the
 * cold ones (a final step cannot be both).
 */
public final class EmergingClassifier {

    /** Share of steps that makes a location "mostly" hot or cold. */
    public static final double MOSTLY = 0.9;

    private EmergingClassifier() {
    }

    /**
     * @param bins per step −3..3 (sign = hot/cold; 0 = not significant)
     * @param trend Mann-Kendall trend sign of the location's z-series at the chosen level (+1, −1, 0)
     */
    public static EmergingClass classify(int[] bins, int trend) {
        EmergingClass hot = classifyHot(bins, trend, 1);
        if (hot != null) {
            return hot;
        }
        EmergingClass cold = classifyHot(bins, -trend, -1);
        if (cold != null) {
            return EmergingClass.values()[cold.ordinal() + EmergingClass.NEW_COLD.ordinal()];
        }
        return EmergingClass.NO_PATTERN;
    }

    /** Hot-rule class for sign +1, or the hot-named class of the mirror for sign −1; null for none. */
    private static EmergingClass classifyHot(int[] bins, int trend, int sign) {
        int n = bins.length;
        if (n < 2) {
            throw new IllegalArgumentException("emerging hot spot classes need at least 2 time steps");
        }
        int hot = 0;
        boolean opposite = false;
        for (int b : bins) {
            if (b * sign > 0) {
                hot++;
            } else if (b * sign < 0) {
                opposite = true;
            }
        }
        boolean finalHot = bins[n - 1] * sign > 0;
        boolean mostly = hot >= MOSTLY * n;
        int run = 0;
        while (run < n && bins[n - 1 - run] * sign > 0) {
            run++;
        }
        if (finalHot && hot == 1) {
            return EmergingClass.NEW_HOT;
        }
        if (finalHot && run >= 2 && run == hot && !mostly) {
            return EmergingClass.CONSECUTIVE_HOT;
        }
        if (mostly && finalHot && trend > 0) {
            return EmergingClass.INTENSIFYING_HOT;
        }
        if (mostly && finalHot && trend < 0) {
            return EmergingClass.DIMINISHING_HOT;
        }
        if (mostly && !finalHot) {
            return EmergingClass.HISTORICAL_HOT;
        }
        if (mostly) {
            return EmergingClass.PERSISTENT_HOT;
        }
        if (finalHot && !opposite) {
            return EmergingClass.SPORADIC_HOT;
        }
        if (finalHot) {
            return EmergingClass.OSCILLATING_HOT;
        }
        return null;
    }
}
