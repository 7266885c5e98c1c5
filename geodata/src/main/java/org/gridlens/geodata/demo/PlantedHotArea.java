package org.gridlens.geodata.demo;

import java.time.LocalDate;
import java.util.Objects;

/**
 * One deliberately planted pattern: a hot area (persistent, emerging or fading) with a daily rate of
 * extra incidents of one category within radiusM of a centre while active, or a repeat address
 * (radius 0, address_id set on every incident). {@code x,y} is the centre in EPSG:4543.
 */
record PlantedHotArea(String kind, String categoryCode, double x, double y, double lon, double lat, double radiusM,
                      LocalDate startDay, LocalDate endDay, double perDay, int addressId, String note) {
    PlantedHotArea {
        Objects.requireNonNull(kind);
        Objects.requireNonNull(categoryCode);
        if (startDay.isAfter(endDay)) {
            throw new IllegalArgumentException("start after end");
        }
    }

    boolean activeOn(LocalDate day) {
        return !day.isBefore(startDay) && !day.isAfter(endDay);
    }
}
