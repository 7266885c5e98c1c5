package org.gridlens.geodata.importing;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.Point;
import org.locationtech.jts.geom.prep.PreparedGeometry;
import org.locationtech.jts.geom.prep.PreparedGeometryFactory;
import org.locationtech.jts.index.strtree.STRtree;
import org.locationtech.jts.io.ParseException;
import org.locationtech.jts.io.WKBReader;

/**
 * Finds the management grid and the unit cell of an incident point in memory, so a bulk import joins
 * a million points without a million index probes in the database.
 *
 * <p>Same rule as {@code gl_grid_of} / {@code gl_cell_of} (V1): among the closed polygons that
 * intersect the point, the lowest grid code and the lowest cell id win, so a point on a shared edge
 * gets exactly one grid and one cell. JTS evaluates the predicate exactly (robust orientation), as
 * PostGIS does for the axis-aligned and general edges the district uses; the recount test and the
 * border test check the two agree.
 *
 * <p>Memory: the grids and cells of one district (600 grids and 12,000 cells in the demo: a few MB).
 * Valid for one import transaction: the caller loads it inside the transaction that writes.
 */
final class JoinLocator {

    /** Where a point belongs; either part may be null (outside every grid / cell). */
    record Join(String gridCode, Integer cellId) {
    }

    private final STRtree grids = new STRtree();
    private final STRtree cells = new STRtree();

    private record Grid(String code, PreparedGeometry geom) {
    }

    private record Cell(int id, PreparedGeometry geom) {
    }

    private JoinLocator() {
    }

    /** Loads the grids and unit cells visible to {@code c}. */
    static JoinLocator load(Connection c) throws SQLException {
        JoinLocator l = new JoinLocator();
        WKBReader wkb = new WKBReader();
        try (Statement s = c.createStatement()) {
            try (ResultSet rs = s.executeQuery("SELECT code, ST_AsBinary(geom) FROM region WHERE level = 'grid'")) {
                while (rs.next()) {
                    Geometry g = read(wkb, rs.getBytes(2));
                    l.grids.insert(g.getEnvelopeInternal(), new Grid(rs.getString(1), PreparedGeometryFactory.prepare(g)));
                }
            }
            try (ResultSet rs = s.executeQuery("SELECT id, ST_AsBinary(geom) FROM unit_cell")) {
                while (rs.next()) {
                    Geometry g = read(wkb, rs.getBytes(2));
                    l.cells.insert(g.getEnvelopeInternal(), new Cell(rs.getInt(1), PreparedGeometryFactory.prepare(g)));
                }
            }
        }
        l.grids.build();
        l.cells.build();
        return l;
    }

    private static Geometry read(WKBReader wkb, byte[] bytes) throws SQLException {
        try {
            return wkb.read(bytes);
        } catch (ParseException e) {
            throw new SQLException("unreadable stored geometry: " + e.getMessage(), e);
        }
    }

    /** The grid and cell of a WGS84 point. */
    @SuppressWarnings("unchecked")
    Join locate(Point p) {
        String grid = null;
        for (Grid g : (List<Grid>) grids.query(p.getEnvelopeInternal())) {
            if ((grid == null || g.code().compareTo(grid) < 0) && g.geom().intersects(p)) {
                grid = g.code();
            }
        }
        Integer cell = null;
        for (Cell k : (List<Cell>) cells.query(p.getEnvelopeInternal())) {
            if ((cell == null || k.id() < cell) && k.geom().intersects(p)) {
                cell = k.id();
            }
        }
        return new Join(grid, cell);
    }
}
