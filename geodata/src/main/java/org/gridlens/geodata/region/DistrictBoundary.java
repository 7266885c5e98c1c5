package org.gridlens.geodata.region;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.Point;
import org.locationtech.jts.geom.prep.PreparedGeometry;
import org.locationtech.jts.geom.prep.PreparedGeometryFactory;
import org.locationtech.jts.io.ParseException;
import org.locationtech.jts.io.WKBReader;

/**
 * The district's area in memory (the union of its {@code level = 'district'} regions, as PostGIS
 * computes it), to tell whether a WGS84 point lies in the district without a database round trip per
 * point. Same predicate as the importer's SQL check ({@code ST_Intersects}: the boundary counts as
 * inside), evaluated exactly by JTS.
 *
 * <p>A snapshot, immutable and thread-safe; callers decide when to reload.
 */
public final class DistrictBoundary {

    private static final GeometryFactory GF = new GeometryFactory();
    private final PreparedGeometry area;

    private DistrictBoundary(PreparedGeometry area) {
        this.area = area;
    }

    /** Reads the district visible to {@code c}; empty (nothing inside) when there is no district yet. */
    public static DistrictBoundary load(Connection c) throws SQLException {
        try (Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT ST_AsBinary(ST_Union(geom)) FROM region WHERE level = 'district'")) {
            rs.next();
            byte[] wkb = rs.getBytes(1);
            return new DistrictBoundary(PreparedGeometryFactory.prepare(wkb == null ? GF.createPolygon()
                    : new WKBReader(GF).read(wkb)));
        } catch (ParseException e) {
            throw new SQLException("the stored district polygon is unreadable: " + e.getMessage(), e);
        }
    }

    /** True when the point lies in the district or on its boundary. */
    public boolean contains(Point p) {
        return area.intersects(p);
    }

    /** True when the point with longitude and latitude exchanged lies in the district. */
    public boolean containsSwapped(Point p) {
        return area.intersects(GF.createPoint(new Coordinate(p.getY(), p.getX())));
    }

    /** The point as {@code ST_AsText(p, 6)} writes it: {@code POINT(x y)}, at most 6 decimals, no trailing zeros. */
    public static String text(Point p) {
        return "POINT(" + decimals(p.getX()) + " " + decimals(p.getY()) + ")";
    }

    private static String decimals(double v) {
        return BigDecimal.valueOf(v).setScale(6, RoundingMode.HALF_EVEN).stripTrailingZeros().toPlainString();
    }
}
