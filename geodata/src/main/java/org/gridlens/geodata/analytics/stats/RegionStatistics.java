package org.gridlens.geodata.analytics.stats;

import java.util.Map;
import java.util.Objects;

/**
 * Statistics of one region (grid, community, subdistrict or district) for a window. People counts are
 * a current snapshot (the resident register has no history); incident counts and KPIs are for the
 * window. A withheld count of people is null in {@code people}; {@code densityPerKm2} and
 * {@code incidentsPer1000} are null when residents are withheld or zero. Incidents by category use
 * the level-1 code ("05"); by stage use the incident status.
 */
public record RegionStatistics(String code, String name, String level, String parentCode, double areaKm2,
                               Map<String, Long> people, Double densityPerKm2, long buildings, long housingUnits,
                               long incidents, Map<String, Long> incidentsByCategory, Map<String, Long> incidentsBySource,
                               Map<String, Long> incidentsByStage, Double incidentsPer1000, CaseKpis kpis,
                               boolean suppressionApplied) {
    public RegionStatistics {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(level, "level");
        people = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(people));
        incidentsByCategory = java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(incidentsByCategory));
        incidentsBySource = java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(incidentsBySource));
        incidentsByStage = java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(incidentsByStage));
    }
}
