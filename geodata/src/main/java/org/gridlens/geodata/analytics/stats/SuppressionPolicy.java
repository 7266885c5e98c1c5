package org.gridlens.geodata.analytics.stats;

/**
 * Thresholds for publishing counts of people to callers without person-level access: a count in
 * 1..k−1 is withheld; {@code kVulnerable} applies to vulnerable groups, {@code k} to the rest.
 */
public record SuppressionPolicy(int k, int kVulnerable) {

    /** k = 5, 10 for vulnerable groups (ONS/CMS practice; reliability anchors §2). */
    public static final SuppressionPolicy DEFAULT = new SuppressionPolicy(5, 10);

    public SuppressionPolicy {
        if (k < 2 || k > 100 || kVulnerable < k || kVulnerable > 100) {
            throw new IllegalArgumentException("thresholds must satisfy 2 ≤ k ≤ k_vulnerable ≤ 100");
        }
    }

    int threshold(PeopleMeasure m) {
        return m.vulnerable() ? kVulnerable : k;
    }
}
