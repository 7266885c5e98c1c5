package org.gridlens.geodata.analytics.nearrepeat;

import java.util.List;

/**
 * Knox table: for each spatial band s and temporal band t, the observed number of pairs, the mean
 * under permutation (expected), the Knox ratio observed/expected (null when expected is 0) and the
 * Monte-Carlo p = (#simulations ≥ observed + 1) / (permutations + 1). Bands are labelled half-open,
 * e.g. "[0,100) m" and "[0,7) days". {@code refusal} is set (and the table empty) when fewer than 2
 * incidents or too many were found.
 */
public record KnoxResult(int events, long pairs, int permutations, long seed, List<String> spatialLabels,
                         List<String> temporalLabels, List<List<Cell>> table, String refusal) {

    /** One cell of the table. */
    public record Cell(long observed, double expected, Double ratio, double p) {
    }

    public KnoxResult {
        spatialLabels = List.copyOf(spatialLabels);
        temporalLabels = List.copyOf(temporalLabels);
        table = table.stream().map(List::copyOf).toList();
    }
}
