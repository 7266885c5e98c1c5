package org.gridlens.geodata.analytics.stats;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Counts of people ("cells") tied together by additive relations an attacker knows: each relation says
 * that one total cell equals the sum of its part cells (a community = the sum of its grids; residents =
 * registered + floating …). Every cell has its own threshold k: a published value in 1..k−1 discloses.
 *
 * @param values the true counts, ≥ 0
 * @param thresholds k per cell (≥ 1; 1 means "never sensitive")
 * @param relations each row is {total, part, part, …}; parts must sum to the total
 */
public record AdditiveTable(long[] values, int[] thresholds, List<int[]> relations) {

    public AdditiveTable {
        Objects.requireNonNull(values, "values");
        Objects.requireNonNull(thresholds, "thresholds");
        if (values.length != thresholds.length) {
            throw new IllegalArgumentException("one threshold per cell");
        }
        for (int i = 0; i < values.length; i++) {
            if (values[i] < 0 || thresholds[i] < 1) {
                throw new IllegalArgumentException("cell " + i + ": counts must be ≥ 0 and k ≥ 1");
            }
        }
        List<int[]> copy = new ArrayList<>();
        for (int[] r : relations) {
            if (r.length < 2) {
                throw new IllegalArgumentException("a relation needs a total and at least one part");
            }
            long sum = 0;
            for (int p = 1; p < r.length; p++) {
                sum += values[r[p]];
            }
            if (sum != values[r[0]]) {
                throw new IllegalArgumentException("relation " + Arrays.toString(r) + ": parts do not add up to the total");
            }
            copy.add(r.clone());
        }
        relations = List.copyOf(copy);
    }

    /** Number of cells. */
    public int size() {
        return values.length;
    }
}
