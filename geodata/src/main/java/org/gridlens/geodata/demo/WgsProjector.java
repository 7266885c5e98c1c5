package org.gridlens.geodata.demo;

import org.gridlens.geodata.crs.GaussKruger;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.CoordinateSequence;
import org.locationtech.jts.geom.CoordinateSequenceFilter;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.PrecisionModel;
import org.locationtech.jts.geom.util.GeometryFixer;

/**
 * Moves generated geometry from EPSG:4543 (where it is built) to EPSG:4326 (where it is stored),
 * rounding every coordinate to 1e-9 degrees. The same metric vertex always yields the same stored
 * vertex, so polygons that share vertices in 4543 still share them in 4326 and keep tiling. A result
 * that rounding made invalid (never seen in practice) is repaired with JTS's GeometryFixer.
 */
final class WgsProjector {

    static final double DEGREE_SCALE = 1e9;
    static final GeometryFactory WGS = new GeometryFactory(new PrecisionModel(), CopyWriter.SRID);
    /** Millimetre grid used for all metric construction. */
    static final PrecisionModel METRIC_PRECISION = new PrecisionModel(1000);
    static final GeometryFactory METRIC = new GeometryFactory(METRIC_PRECISION, 4543);

    private WgsProjector() {
    }

    static double round(double deg) {
        return Math.round(deg * DEGREE_SCALE) / DEGREE_SCALE;
    }

    /** A 4326 copy of a 4543 geometry. */
    static Geometry toWgs(Geometry metric) {
        Geometry g = WGS.createGeometry(metric);
        double[] ll = new double[2];
        g.apply(new CoordinateSequenceFilter() {
            @Override
            public void filter(CoordinateSequence seq, int i) {
                GaussKruger.inverse(seq.getX(i), seq.getY(i), ll);
                seq.setOrdinate(i, 0, round(ll[0]));
                seq.setOrdinate(i, 1, round(ll[1]));
            }

            @Override
            public boolean isDone() {
                return false;
            }

            @Override
            public boolean isGeometryChanged() {
                return true;
            }
        });
        g.setSRID(CopyWriter.SRID);
        if (!g.isValid()) {
            g = GeometryFixer.fix(g);
        }
        return g;
    }

    /** 4326 {lon, lat} of a metric coordinate, unrounded. */
    static double[] toLonLat(Coordinate c) {
        return GaussKruger.inverse(c.x, c.y);
    }
}
