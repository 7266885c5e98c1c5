package org.gridlens.geodata.demo;

import org.gridlens.geodata.crs.GaussKruger;
import org.locationtech.jts.geom.Coordinate;

/**
 * Relative urban intensity over the district (1 near the old town around Dongguan Street, falling off
 * over a few kilometres to a rural floor in the east), plus ground elevation. Xining lies in the
 * Huangshui valley at about 2,230 m; ground rises towards the southern hills (to ~2,300 m here).
 */
final class DensityField {

    private final double cx;
    private final double cy;
    private final double minY;
    private final double maxY;

    DensityField(double minY, double maxY) {
        double[] c = GaussKruger.forward(101.787, 36.617);
        this.cx = c[0];
        this.cy = c[1];
        this.minY = minY;
        this.maxY = maxY;
    }

    /** Intensity in (0.1, 1.1]. */
    double at(Coordinate c) {
        return at(c.x, c.y);
    }

    double at(double x, double y) {
        double d = Math.hypot(x - cx, y - cy);
        return 0.1 + Math.exp(-d / 3000.0);
    }

    /** Distance from the old-town centre, metres. */
    double distanceFromCentre(double x, double y) {
        return Math.hypot(x - cx, y - cy);
    }

    /** Ground elevation in metres above sea level. */
    double elevation(double x, double y) {
        double t = Math.max(0, Math.min(1, (maxY - y) / (maxY - minY)));
        return 2232 + 68 * Math.pow(t, 1.5) + 3 * Math.sin(x / 700.0);
    }
}
