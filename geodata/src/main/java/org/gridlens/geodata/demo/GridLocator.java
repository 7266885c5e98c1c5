package org.gridlens.geodata.demo;

import java.util.List;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Point;
import org.locationtech.jts.geom.prep.PreparedGeometry;
import org.locationtech.jts.geom.prep.PreparedGeometryFactory;
import org.locationtech.jts.index.strtree.STRtree;

/**
 * Which management grid holds a point, by the database's rule (gl_grid_of): among grids whose stored
 * 4326 polygon intersects the point, the lowest code. Works on the exact polygons that are loaded, so
 * Java and SQL agree (up to JTS/GEOS predicate robustness for points within ~1e-15° of an edge).
 */
final class GridLocator {

    private record Entry(String code, PreparedGeometry geom) {
    }

    private final STRtree tree = new STRtree();

    GridLocator(List<DemoRegion> regions) {
        for (DemoRegion r : regions) {
            if ("grid".equals(r.level())) {
                tree.insert(r.wgs().getEnvelopeInternal(), new Entry(r.code(), PreparedGeometryFactory.prepare(r.wgs())));
            }
        }
        tree.build();
    }

    /** The grid code, or null when the point is in no grid. */
    String gridOf(double lon, double lat) {
        Point p = WgsProjector.WGS.createPoint(new org.locationtech.jts.geom.Coordinate(lon, lat));
        String best = null;
        for (Object o : tree.query(new Envelope(lon, lon, lat, lat))) {
            Entry e = (Entry) o;
            if ((best == null || e.code().compareTo(best) < 0) && e.geom().intersects(p)) {
                best = e.code();
            }
        }
        return best;
    }
}
