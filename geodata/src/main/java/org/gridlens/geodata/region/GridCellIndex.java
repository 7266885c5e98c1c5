package org.gridlens.geodata.region;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.Point;
import org.locationtech.jts.geom.prep.PreparedGeometry;
import org.locationtech.jts.geom.prep.PreparedGeometryFactory;
import org.locationtech.jts.index.strtree.STRtree;
import org.locationtech.jts.io.ParseException;
import org.locationtech.jts.io.WKBReader;

/**
 * The management grids and unit cells of the district in memory: which grid and which cell hold a
 * WGS84 point, without a spatial index probe in the database per point (intake and bulk import place
 * thousands of points a second).
 *
 * <p>Same rule as {@code gl_grid_of} / {@code gl_cell_of} (V1): among the polygons whose closed area
 * contains the point, the lowest grid code and the lowest cell id win, so a point on a shared edge
 * gets exactly one grid and one cell. JTS evaluates the predicate exactly (robust orientation), as
 * PostGIS does; tests of the importer and of intake compare both on border points.
 *
 * <p>A snapshot: polygons changed in the database later are not seen (callers decide when to reload).
 * Memory: a few MB for the demo district's 600 grids and 12,000 cells. Immutable and thread-safe.
 */
public final class GridCellIndex {

    private static final GeometryFactory GF = new GeometryFactory();

    /** Grid code and cell id of a point; either is null outside every grid / cell. */
    public record Placement(String gridCode, Integer cellId) {
    }

    private record Item<K extends Comparable<K>>(K key, PreparedGeometry area) {
    }

    private final STRtree grids;
    private final STRtree cells;

    private GridCellIndex(STRtree grids, STRtree cells) {
        this.grids = grids;
        this.cells = cells;
    }

    /** Reads the grids and unit cells visible to {@code c} (inside its transaction, if any). */
    public static GridCellIndex load(Connection c) throws SQLException {
        return new GridCellIndex(read(c, "SELECT code, ST_AsBinary(geom) FROM region WHERE level = 'grid'", false),
                read(c, "SELECT id, ST_AsBinary(geom) FROM unit_cell", true));
    }

    /** Grid and cell of a WGS84 point. */
    public Placement place(Point p) {
        return new Placement(lowest(grids, p), lowest(cells, p));
    }

    /** Grid and cell of a WGS84 longitude and latitude. */
    public Placement place(double lon, double lat) {
        return place(GF.createPoint(new Coordinate(lon, lat)));
    }

    @SuppressWarnings("unchecked")
    private static <K extends Comparable<K>> K lowest(STRtree tree, Point p) {
        K best = null;
        for (Object o : tree.query(p.getEnvelopeInternal())) {
            Item<K> item = (Item<K>) o;
            if ((best == null || item.key().compareTo(best) < 0) && item.area().intersects(p)) {
                best = item.key();
            }
        }
        return best;
    }

    private static STRtree read(Connection c, String sql, boolean intKeys) throws SQLException {
        STRtree tree = new STRtree();
        WKBReader reader = new WKBReader(GF);
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setFetchSize(2000);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    byte[] wkb = rs.getBytes(2);
                    if (wkb == null) {
                        continue;
                    }
                    PreparedGeometry area = PreparedGeometryFactory.prepare(reader.read(wkb));
                    tree.insert(area.getGeometry().getEnvelopeInternal(),
                            intKeys ? new Item<>(rs.getInt(1), area) : new Item<>(rs.getString(1), area));
                }
            }
        } catch (ParseException e) {
            throw new SQLException("a stored grid or cell polygon is unreadable: " + e.getMessage(), e);
        }
        tree.build();
        return tree;
    }
}
