package org.gridlens.geodata.intake;

import java.util.Objects;

/**
 * Where an incident is, in exactly one of three forms: lon/lat in a declared datum, a standard address
 * code, or a housing-unit code (both resolved through the address table). Range checks against the
 * district happen at intake, not here; this record only refuses shapes that cannot mean anything.
 *
 * @param lon             longitude in degrees (with lat and crs), else null
 * @param lat             latitude in degrees, else null
 * @param crs             declared datum of lon/lat, else null
 * @param addressCode     address code, else null
 * @param housingUnitCode housing-unit code, else null
 */
public record ReportLocation(Double lon, Double lat, LocationCrs crs, String addressCode, String housingUnitCode) {

    public ReportLocation {
        int forms = (lon != null || lat != null ? 1 : 0) + (addressCode != null ? 1 : 0) + (housingUnitCode != null ? 1 : 0);
        if (forms != 1) {
            throw new IllegalArgumentException("give exactly one of lon/lat, an address code or a housing-unit code");
        }
        if (lon != null || lat != null) {
            if (lon == null || lat == null) {
                throw new IllegalArgumentException("give both lon and lat");
            }
            // |lat| up to 180 passes here so that intake can recognise swapped lon/lat and say so.
            if (!Double.isFinite(lon) || !Double.isFinite(lat) || Math.abs(lon) > 180 || Math.abs(lat) > 180) {
                throw new IllegalArgumentException("lon and lat must be finite degrees within [-180, 180]");
            }
            Objects.requireNonNull(crs, "crs");
        }
        if (addressCode != null && (addressCode.isBlank() || addressCode.length() > 40)) {
            throw new IllegalArgumentException("address code must have 1 to 40 characters");
        }
        if (housingUnitCode != null && (housingUnitCode.isBlank() || housingUnitCode.length() > 40)) {
            throw new IllegalArgumentException("housing-unit code must have 1 to 40 characters");
        }
    }

    public static ReportLocation point(double lon, double lat, LocationCrs crs) {
        return new ReportLocation(lon, lat, crs, null, null);
    }

    public static ReportLocation address(String code) {
        return new ReportLocation(null, null, null, code, null);
    }

    public static ReportLocation housingUnit(String code) {
        return new ReportLocation(null, null, null, null, code);
    }

    public boolean isPoint() {
        return lon != null;
    }

    /** A stable text form for the payload hash. */
    String canonical() {
        if (isPoint()) {
            return crs + ":" + lon + "," + lat;
        }
        return addressCode != null ? "address:" + addressCode : "housing_unit:" + housingUnitCode;
    }
}
