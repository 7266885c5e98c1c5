package org.gridlens.geodata.demo;

import org.locationtech.jts.geom.Polygon;

/** A generated building inside its parcel; {@code x,y} is the footprint centroid in EPSG:4543, lon/lat in 4326. */
record DemoBuilding(int id, String code, int parcelId, String gridCode, int communityIndex, String use, int floors,
                    double heightM, double baseElevM, int yearBuilt, Polygon metric, double x, double y,
                    double lon, double lat, double density) {
    DemoBuilding {
        if (floors < 1 || floors > 200) {
            throw new IllegalArgumentException("floors out of range: " + floors);
        }
    }
}
