package org.gridlens.geodata.analytics.stats;

import java.util.BitSet;

/**
 * Chooses which counts of people to withhold so that neither a published value nor a differencing
 * attack discloses a small count.
 *
 * <p><b>Primary suppression:</b> every cell with 1 ≤ value &lt; k (0 is published, as CMS and ONS allow).
 * <b>Complementary suppression</b>, repeated until nothing changes: the attacker solves every relation
 * that has exactly one unknown cell (total − Σ published parts, or Σ parts for a hidden total),
 * chaining what they learn across relations and levels. Whenever this would reveal a withheld cell,
 * or the relation leaves withheld parts whose combined count is 1..k−1 next to a published total, one
 * more cell of that relation is withheld: the smallest published positive part, else the total, else
 * the smallest published part (a zero).
 *
 * <p>Guarantee (checked by a property test): no published value lies in 1..k−1; no withheld value can
 * be computed from published values by chains of single-unknown relations; every relation with a
 * published total leaves either no withheld part or withheld parts summing to ≥ k. Not guaranteed:
 * bounds from combining several relations at once (linear programming attacks) — use fixed geographies
 * only, which is all this server publishes.
 */
public final class SmallCountSuppressor {

    private SmallCountSuppressor() {
    }

    /** The set of withheld cells. */
    public static BitSet suppress(AdditiveTable t) {
        BitSet hidden = new BitSet(t.size());
        for (int i = 0; i < t.size(); i++) {
            if (t.values()[i] >= 1 && t.values()[i] < t.thresholds()[i]) {
                hidden.set(i);
            }
        }
        // Every cell the attacker does not see is a withheld one, and no withheld cell is ever allowed to
        // become derivable, so "known" is exactly "published" and one pass per change suffices.
        boolean changed = true;
        while (changed) {
            changed = false;
            for (int[] r : t.relations()) {
                int withheld = 0;
                for (int c : r) {
                    if (hidden.get(c)) {
                        withheld++;
                    }
                }
                if (withheld == 1 || withheld > 1 && !hidden.get(r[0]) && smallResidual(t, r, hidden)) {
                    hidden.set(pickComplement(t, r, hidden));
                    changed = true;
                }
            }
        }
        return hidden;
    }

    /** True when the withheld parts of r (total known) add up to 1..k−1 for the smallest k among them. */
    private static boolean smallResidual(AdditiveTable t, int[] r, BitSet hidden) {
        long residual = 0;
        int k = Integer.MAX_VALUE;
        for (int p = 1; p < r.length; p++) {
            if (hidden.get(r[p])) {
                residual += t.values()[r[p]];
                k = Math.min(k, t.thresholds()[r[p]]);
            }
        }
        return residual >= 1 && residual < k;
    }

    private static int pickComplement(AdditiveTable t, int[] r, BitSet hidden) {
        int best = -1;
        for (int p = 1; p < r.length; p++) {
            int c = r[p];
            if (!hidden.get(c) && t.values()[c] > 0 && (best < 0 || t.values()[c] < t.values()[best])) {
                best = c;
            }
        }
        if (best >= 0) {
            return best;
        }
        if (!hidden.get(r[0])) {
            return r[0];
        }
        for (int p = 1; p < r.length; p++) {
            if (!hidden.get(r[p])) {
                return r[p];
            }
        }
        throw new IllegalStateException("relation has nothing left to withhold");
    }
}
