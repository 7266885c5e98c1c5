package org.gridlens.geodata.demo;

import java.util.Objects;
import org.locationtech.jts.geom.Geometry;

/**
 * One generated region (district, subdistrict, community or grid) in both CRSs. {@code index} is its
 * position among all regions of its level (0-based), used to derive names and per-area properties.
 */
record DemoRegion(String code, String level, String parentCode, String name, String nameEn, int index,
                  Geometry metric, Geometry wgs) {
    DemoRegion {
        Objects.requireNonNull(code);
        Objects.requireNonNull(level);
        if (("district".equals(level)) != (parentCode == null)) {
            throw new IllegalArgumentException("only the district has no parent: " + code);
        }
        Objects.requireNonNull(name);
        Objects.requireNonNull(metric);
        Objects.requireNonNull(wgs);
    }
}
