package org.gridlens.geodata.demo;

import org.locationtech.jts.geom.Polygon;

/** A generated parcel: rotated rectangle in EPSG:4543 inside one grid; {@code angle} is its rotation. */
record DemoParcel(int id, String code, String landUse, String gridCode, int communityIndex, Polygon metric,
                  double angle, double density) {
    DemoParcel {
        if (id <= 0) {
            throw new IllegalArgumentException("parcel id must be positive");
        }
    }
}
