package org.gridlens.geodata.intake;

import java.util.Arrays;
import java.util.Optional;

/**
 * The datum a client declares for lon/lat. CGCS2000 (EPSG:4490) is stored as WGS84 unchanged: the two
 * agree to well under a metre, far below the accuracy of a reported incident. GCJ-02 (the offset datum
 * of Chinese consumer map SDKs) is converted with {@link org.gridlens.geodata.crs.Gcj02#toWgs84}.
 */
public enum LocationCrs {
    WGS84, CGCS2000, GCJ02;

    public static Optional<LocationCrs> parse(String s) {
        if (s == null) {
            return Optional.of(WGS84);
        }
        String n = s.trim().toUpperCase(java.util.Locale.ROOT).replace("-", "").replace("_", "");
        return switch (n) {
            case "WGS84", "EPSG:4326", "4326" -> Optional.of(WGS84);
            case "CGCS2000", "EPSG:4490", "4490" -> Optional.of(CGCS2000);
            case "GCJ02" -> Optional.of(GCJ02);
            default -> Arrays.stream(values()).filter(v -> v.name().equals(n)).findFirst();
        };
    }
}
