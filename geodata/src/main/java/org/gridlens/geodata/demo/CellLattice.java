package org.gridlens.geodata.demo;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.gridlens.geodata.crs.GaussKruger;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.Point;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.geom.prep.PreparedGeometry;
import org.locationtech.jts.geom.prep.PreparedGeometryFactory;

/**
 * The 100 m analysis-cell lattice (万米单元网格) laid in EPSG:4543 over the district's bounding box,
 * keeping the cells that intersect the district. Cell id = row × ncols + col + 1 (row 0 is the
 * southernmost), so 0 stays free for "outside every cell". Each cell is stored as the 4326 image of
 * its four lattice corners; adjacent cells share corners exactly.
 *
 * <p>{@link #cellOf} reproduces the database's gl_cell_of (lowest id among cells whose polygon
 * intersects the point): lattice arithmetic decides when the point is more than 1 cm inside a cell,
 * otherwise the neighbouring cell polygons are tested.
 */
final class CellLattice {

    static final double SIZE_M = 100.0;
    private static final double EDGE_MARGIN_M = 0.01;

    record Cell(int id, int col, int row, Polygon wgs, double centreX, double centreY) {
    }

    private final double x0;
    private final double y0;
    private final int ncols;
    private final int nrows;
    private final Map<Integer, Cell> cells = new HashMap<>();
    private final List<Cell> ordered = new ArrayList<>();

    CellLattice(Geometry districtMetric) {
        var env = districtMetric.getEnvelopeInternal();
        x0 = Math.floor(env.getMinX() / SIZE_M) * SIZE_M;
        y0 = Math.floor(env.getMinY() / SIZE_M) * SIZE_M;
        ncols = (int) Math.ceil((env.getMaxX() - x0) / SIZE_M);
        nrows = (int) Math.ceil((env.getMaxY() - y0) / SIZE_M);
        PreparedGeometry district = PreparedGeometryFactory.prepare(districtMetric);
        for (int row = 0; row < nrows; row++) {
            for (int col = 0; col < ncols; col++) {
                double minX = x0 + col * SIZE_M;
                double minY = y0 + row * SIZE_M;
                Geometry square = WgsProjector.METRIC.toGeometry(
                        new org.locationtech.jts.geom.Envelope(minX, minX + SIZE_M, minY, minY + SIZE_M));
                if (!district.intersects(square)) {
                    continue;
                }
                Polygon wgs = (Polygon) WgsProjector.toWgs(square);
                Cell c = new Cell(row * ncols + col + 1, col, row, wgs, minX + SIZE_M / 2, minY + SIZE_M / 2);
                cells.put(c.id(), c);
                ordered.add(c);
            }
        }
    }

    List<Cell> cells() {
        return ordered;
    }

    /** The cell holding a point given in both CRSs (metric x/y and its 4326 lon/lat); 0 if none. */
    int cellOf(double x, double y, double lon, double lat) {
        double fx = (x - x0) / SIZE_M;
        double fy = (y - y0) / SIZE_M;
        int col = (int) Math.floor(fx);
        int row = (int) Math.floor(fy);
        double dx = (fx - col) * SIZE_M;
        double dy = (fy - row) * SIZE_M;
        int id = row * ncols + col + 1;
        if (dx > EDGE_MARGIN_M && dx < SIZE_M - EDGE_MARGIN_M && dy > EDGE_MARGIN_M && dy < SIZE_M - EDGE_MARGIN_M
                && cells.containsKey(id)) {
            return id;
        }
        Point p = WgsProjector.WGS.createPoint(new Coordinate(lon, lat));
        int best = 0;
        for (int r = row - 1; r <= row + 1; r++) {
            for (int c = col - 1; c <= col + 1; c++) {
                if (r < 0 || c < 0 || r >= nrows || c >= ncols) {
                    continue;
                }
                Cell cell = cells.get(r * ncols + c + 1);
                if (cell != null && (best == 0 || cell.id() < best) && cell.wgs().intersects(p)) {
                    best = cell.id();
                }
            }
        }
        return best;
    }

    /** Convenience for a metric point. */
    int cellOfMetric(double x, double y) {
        double[] ll = GaussKruger.inverse(x, y);
        return cellOf(x, y, ll[0], ll[1]);
    }
}
