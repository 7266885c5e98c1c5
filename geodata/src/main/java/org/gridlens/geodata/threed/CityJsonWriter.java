package org.gridlens.geodata.threed;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.OutputStream;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.LinearRing;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.io.ParseException;
import org.locationtech.jts.io.WKBReader;

/**
 * Writes buildings as CityJSON 2.0 in EPSG:4543 (metres), one LoD1 Solid per building: the footprint
 * extruded from its base elevation by its height (bottom, top, one wall per ring edge). Vertices are
 * stored as integers with a transform of 1 mm. The whole document is built in memory: meant for a
 * district's buildings (tens of thousands), not for unbounded exports.
 */
public final class CityJsonWriter {

    private static final double SCALE = 0.001;
    private final DataSource dataSource;

    public CityJsonWriter(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    public int write(OutputStream out) throws SQLException, IOException {
        List<String> codes = new ArrayList<>();
        List<List<List<int[]>>> solids = new ArrayList<>();
        List<Object[]> attributes = new ArrayList<>();
        List<long[]> vertices = new ArrayList<>();
        double[] origin = null;
        WKBReader wkb = new WKBReader();
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT code, use, floors, height_m, base_elev_m,"
                     + " ST_AsBinary(ST_Transform(ST_ForcePolygonCCW(geom), 4543)) FROM building ORDER BY code");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                Geometry g;
                try {
                    g = wkb.read(rs.getBytes(6));
                } catch (ParseException e) {
                    throw new IOException("unreadable footprint of building " + rs.getString(1), e);
                }
                if (origin == null) {
                    Coordinate o = g.getCoordinate();
                    origin = new double[] {Math.floor(o.x), Math.floor(o.y), 0};
                }
                double base = rs.getDouble(5);
                double top = base + rs.getDouble(4);
                List<List<int[]>> faces = new ArrayList<>();
                for (int p = 0; p < g.getNumGeometries(); p++) {
                    Polygon poly = (Polygon) g.getGeometryN(p);
                    List<LinearRing> rings = new ArrayList<>();
                    rings.add(poly.getExteriorRing());
                    for (int h = 0; h < poly.getNumInteriorRing(); h++) {
                        rings.add(poly.getInteriorRingN(h));
                    }
                    List<int[]> bottom = new ArrayList<>();
                    List<int[]> topFace = new ArrayList<>();
                    for (LinearRing ring : rings) {
                        Coordinate[] cs = ring.getCoordinates();
                        int n = cs.length - 1;
                        int[] lo = new int[n];
                        int[] hi = new int[n];
                        for (int i = 0; i < n; i++) {
                            lo[i] = vertex(vertices, origin, cs[i].x, cs[i].y, base);
                            hi[i] = vertex(vertices, origin, cs[i].x, cs[i].y, top);
                        }
                        int[] reversed = new int[n];
                        for (int i = 0; i < n; i++) {
                            reversed[i] = lo[n - 1 - i];
                        }
                        bottom.add(reversed);
                        topFace.add(hi);
                        for (int i = 0; i < n; i++) {
                            int j = (i + 1) % n;
                            faces.add(List.<int[]>of(new int[] {lo[i], lo[j], hi[j], hi[i]}));
                        }
                    }
                    faces.add(0, bottom);
                    faces.add(1, topFace);
                }
                codes.add(rs.getString(1));
                solids.add(faces);
                attributes.add(new Object[] {rs.getString(2), rs.getInt(3), rs.getDouble(4), base});
            }
        }
        try (JsonGenerator j = new JsonFactory().createGenerator(out, JsonEncoding.UTF8)) {
            j.writeStartObject();
            j.writeStringField("type", "CityJSON");
            j.writeStringField("version", "2.0");
            j.writeObjectFieldStart("transform");
            j.writeArrayFieldStart("scale");
            j.writeNumber(SCALE);
            j.writeNumber(SCALE);
            j.writeNumber(SCALE);
            j.writeEndArray();
            j.writeArrayFieldStart("translate");
            for (double d : origin == null ? new double[3] : origin) {
                j.writeNumber(d);
            }
            j.writeEndArray();
            j.writeEndObject();
            j.writeObjectFieldStart("metadata");
            j.writeStringField("referenceSystem", "https://www.opengis.net/def/crs/EPSG/0/4543");
            j.writeEndObject();
            j.writeObjectFieldStart("CityObjects");
            for (int b = 0; b < codes.size(); b++) {
                j.writeObjectFieldStart(codes.get(b));
                j.writeStringField("type", "Building");
                j.writeObjectFieldStart("attributes");
                Object[] a = attributes.get(b);
                j.writeStringField("use", (String) a[0]);
                j.writeNumberField("floors", (Integer) a[1]);
                j.writeNumberField("height_m", (Double) a[2]);
                j.writeNumberField("base_elev_m", (Double) a[3]);
                j.writeEndObject();
                j.writeArrayFieldStart("geometry");
                j.writeStartObject();
                j.writeStringField("type", "Solid");
                j.writeStringField("lod", "1");
                j.writeArrayFieldStart("boundaries");
                j.writeStartArray();
                for (List<int[]> face : solids.get(b)) {
                    j.writeStartArray();
                    for (int[] ring : face) {
                        j.writeArray(ring, 0, ring.length);
                    }
                    j.writeEndArray();
                }
                j.writeEndArray();
                j.writeEndArray();
                j.writeEndObject();
                j.writeEndArray();
                j.writeEndObject();
            }
            j.writeEndObject();
            j.writeArrayFieldStart("vertices");
            for (long[] v : vertices) {
                j.writeArray(v, 0, 3);
            }
            j.writeEndArray();
            j.writeEndObject();
        }
        return codes.size();
    }

    private static int vertex(List<long[]> vertices, double[] origin, double x, double y, double z) {
        vertices.add(new long[] {Math.round((x - origin[0]) / SCALE), Math.round((y - origin[1]) / SCALE), Math.round((z - origin[2]) / SCALE)});
        return vertices.size() - 1;
    }
}
