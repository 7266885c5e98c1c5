package org.gridlens.geodata.analytics.coverage;

import java.util.Objects;

/**
 * A building where people of the group live with no facility of the type within reach: its outline as
 * GeoJSON (WGS84) and, for callers with person-level access only, how many (null otherwise).
 */
public record UncoveredBuilding(String code, String gridCode, Long people, String geoJson) {
    public UncoveredBuilding {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(geoJson, "geoJson");
    }
}
