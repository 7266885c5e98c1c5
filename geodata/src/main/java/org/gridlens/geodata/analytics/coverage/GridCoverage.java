package org.gridlens.geodata.analytics.coverage;

import java.util.Objects;

/**
 * Coverage of one grid: people of the group living there ({@code groupSize}), those within reach
 * ({@code covered}) and the share. A withheld count is null (see SmallCountSuppressor), and so is the
 * share when either count is withheld or the group is empty. {@code coveredDelta} is the change a
 * proposed facility makes (null without a proposal or when withheld).
 */
public record GridCoverage(String gridCode, String gridName, Long groupSize, Long covered, Double share, Long coveredDelta) {
    public GridCoverage {
        Objects.requireNonNull(gridCode, "gridCode");
        if (share != null && !(share >= 0 && share <= 1)) {
            throw new IllegalArgumentException("share must be within 0..1");
        }
    }
}
