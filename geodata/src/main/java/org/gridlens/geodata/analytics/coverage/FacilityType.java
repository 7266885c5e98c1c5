package org.gridlens.geodata.analytics.coverage;

import java.util.Locale;

/**
 * Facility types the demo district and the coverage analysis know, each with the service radius of
 * GB 50180-2018's life circles (domain anchors §1.6: 300 m = 5-minute, 500 m = 10-minute, 1000 m =
 * 15-minute walk) as its default reach.
 */
public enum FacilityType {
    ELDERLY_DAY_CARE(300), COMMUNITY_HEALTH(1000), KINDERGARTEN(300), PRIMARY_SCHOOL(500), MIDDLE_SCHOOL(1000),
    COMMUNITY_SERVICE(300), MARKET(500), SPORTS(1000);

    private final int defaultReachM;

    FacilityType(int defaultReachM) {
        this.defaultReachM = defaultReachM;
    }

    /** Default reach in metres. */
    public int defaultReachM() {
        return defaultReachM;
    }

    /** The value stored in facility.type, e.g. "elderly_day_care". */
    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses a stored type code; unknown codes are refused listing the known ones. */
    public static FacilityType parse(String s) {
        for (FacilityType t : values()) {
            if (t.code().equals(s)) {
                return t;
            }
        }
        throw new IllegalArgumentException("unknown facility type; expected one of "
                + java.util.Arrays.stream(values()).map(FacilityType::code).toList());
    }
}
