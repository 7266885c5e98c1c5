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
import java.util.Arrays;
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
 * integers with a transform of 1 mm, translated to the first building's south-west metre.
 *
 * <p>Both forms stream from a database cursor. {@link #write} writes one CityJSON document: its
 * objects go out as they are read and only the vertex list is held back until the end (12 bytes a
 * vertex, ≈ 20 vertices for a box-shaped building). {@link #writeSequence} writes CityJSONSeq
 * ({@code .city.jsonl}): a header line, then one {@code CityJSONFeature} line per building with its own
 * vertices, so nothing accumulates at all.
 */
public final class CityJsonWriter {

    private static final double SCALE = 0.001;
    private static final String SQL = "SELECT code, use, floors, height_m, base_elev_m,"
            + " ST_AsBinary(ST_Transform(ST_ForcePolygonCCW(geom), 4543)) FROM building ORDER BY code";
    private final DataSource dataSource;

    public CityJsonWriter(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Writes every building as one CityJSON document; returns the number written. */
    public int write(OutputStream out) throws SQLException, IOException {
        try (JsonGenerator j = new JsonFactory().createGenerator(out, JsonEncoding.UTF8)) {
            VertexList all = new VertexList();
            int n = each((origin, solid) -> {
                if (origin != null) {
                    j.writeStartObject();
                    header(j, origin);
                    j.writeObjectFieldStart("CityObjects");
                }
                object(j, solid, all.size());
                all.addAll(solid.vertices());
            }, () -> {
                j.writeStartObject();
                header(j, new double[3]);
                j.writeObjectFieldStart("CityObjects");
            });
            j.writeEndObject();
            j.writeArrayFieldStart("vertices");
            for (int v = 0; v < all.size(); v++) {
                j.writeArray(all.values, 3 * v, 3);
            }
            j.writeEndArray();
            j.writeEndObject();
            return n;
        }
    }

    /** Writes every building as CityJSONSeq (one JSON value per line); returns the number written. */
    public int writeSequence(OutputStream out) throws SQLException, IOException {
        try (JsonGenerator j = new JsonFactory().createGenerator(out, JsonEncoding.UTF8)) {
            j.setRootValueSeparator(new com.fasterxml.jackson.core.io.SerializedString("\n"));
            Emitter headerLine = () -> {
                j.writeStartObject();
                header(j, new double[3]);
                j.writeObjectFieldStart("CityObjects");
                j.writeEndObject();
                j.writeArrayFieldStart("vertices");
                j.writeEndArray();
                j.writeEndObject();
            };
            int n = each((origin, solid) -> {
                if (origin != null) {
                    j.writeStartObject();
                    header(j, origin);
                    j.writeObjectFieldStart("CityObjects");
                    j.writeEndObject();
                    j.writeArrayFieldStart("vertices");
                    j.writeEndArray();
                    j.writeEndObject();
                }
                j.writeStartObject();
                j.writeStringField("type", "CityJSONFeature");
                j.writeStringField("id", solid.code());
                j.writeObjectFieldStart("CityObjects");
                object(j, solid, 0);
                j.writeEndObject();
                j.writeArrayFieldStart("vertices");
                VertexList local = solid.vertices();
                for (int v = 0; v < local.size(); v++) {
                    j.writeArray(local.values, 3 * v, 3);
                }
                j.writeEndArray();
                j.writeEndObject();
            }, headerLine);
            j.writeRaw('\n');
            return n;
        }
    }

    /** Receives each building's solid; {@code origin} is given with the first one only. */
    private interface SolidSink {
        void accept(double[] origin, Solid solid) throws IOException;
    }

    private interface Emitter {
        void emit() throws IOException;
    }

    /** One building's solid: faces of rings of indices into its own vertex list. */
    private record Solid(String code, String use, int floors, double height, double base, List<List<int[]>> faces,
                         VertexList vertices) {
    }

    /** A growable list of quantised x, y, z triples. */
    private static final class VertexList {
        private int[] values = new int[96];
        private int size;

        int add(double[] origin, double x, double y, double z) {
            if (3 * size + 3 > values.length) {
                values = Arrays.copyOf(values, values.length * 2);
            }
            values[3 * size] = Math.toIntExact(Math.round((x - origin[0]) / SCALE));
            values[3 * size + 1] = Math.toIntExact(Math.round((y - origin[1]) / SCALE));
            values[3 * size + 2] = Math.toIntExact(Math.round((z - origin[2]) / SCALE));
            return size++;
        }

        void addAll(VertexList other) {
            if (3 * (size + other.size) > values.length) {
                values = Arrays.copyOf(values, Math.max(values.length * 2, 3 * (size + other.size)));
            }
            System.arraycopy(other.values, 0, values, 3 * size, 3 * other.size);
            size += other.size;
        }

        int size() {
            return size;
        }
    }

    /** Streams the buildings through {@code sink}; {@code empty} writes the header when there are none. */
    private int each(SolidSink sink, Emitter empty) throws SQLException, IOException {
        WKBReader wkb = new WKBReader();
        double[] origin = null;
        int n = 0;
        try (Connection c = dataSource.getConnection()) {
            boolean autoCommit = c.getAutoCommit();
            c.setAutoCommit(false);
            try (PreparedStatement ps = c.prepareStatement(SQL)) {
                ps.setFetchSize(500);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        Geometry g;
                        try {
                            g = wkb.read(rs.getBytes(6));
                        } catch (ParseException e) {
                            throw new IOException("unreadable footprint of building " + rs.getString(1), e);
                        }
                        boolean first = origin == null;
                        if (first) {
                            Coordinate o = g.getCoordinate();
                            origin = new double[] {Math.floor(o.x), Math.floor(o.y), 0};
                        }
                        sink.accept(first ? origin : null, solid(rs, g, origin));
                        n++;
                    }
                }
            } finally {
                c.rollback();
                c.setAutoCommit(autoCommit);
            }
        }
        if (n == 0) {
            empty.emit();
        }
        return n;
    }

    private static Solid solid(ResultSet rs, Geometry g, double[] origin) throws SQLException {
        double base = rs.getDouble(5);
        double top = base + rs.getDouble(4);
        VertexList vertices = new VertexList();
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
                    lo[i] = vertices.add(origin, cs[i].x, cs[i].y, base);
                    hi[i] = vertices.add(origin, cs[i].x, cs[i].y, top);
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
        return new Solid(rs.getString(1), rs.getString(2), rs.getInt(3), rs.getDouble(4), base, faces, vertices);
    }

    /** The members every CityJSON document and CityJSONSeq header starts with. */
    private static void header(JsonGenerator j, double[] origin) throws IOException {
        j.writeStringField("type", "CityJSON");
        j.writeStringField("version", "2.0");
        j.writeObjectFieldStart("transform");
        j.writeArrayFieldStart("scale");
        j.writeNumber(SCALE);
        j.writeNumber(SCALE);
        j.writeNumber(SCALE);
        j.writeEndArray();
        j.writeArrayFieldStart("translate");
        for (double d : origin) {
            j.writeNumber(d);
        }
        j.writeEndArray();
        j.writeEndObject();
        j.writeObjectFieldStart("metadata");
        j.writeStringField("referenceSystem", "https://www.opengis.net/def/crs/EPSG/0/4543");
        j.writeEndObject();
    }

    /** One Building CityObject member; its vertex indices are shifted by {@code offset}. */
    private static void object(JsonGenerator j, Solid solid, int offset) throws IOException {
        j.writeObjectFieldStart(solid.code());
        j.writeStringField("type", "Building");
        j.writeObjectFieldStart("attributes");
        j.writeStringField("use", solid.use());
        j.writeNumberField("floors", solid.floors());
        j.writeNumberField("height_m", solid.height());
        j.writeNumberField("base_elev_m", solid.base());
        j.writeEndObject();
        j.writeArrayFieldStart("geometry");
        j.writeStartObject();
        j.writeStringField("type", "Solid");
        j.writeStringField("lod", "1");
        j.writeArrayFieldStart("boundaries");
        j.writeStartArray();
        for (List<int[]> face : solid.faces()) {
            j.writeStartArray();
            for (int[] ring : face) {
                j.writeStartArray();
                for (int v : ring) {
                    j.writeNumber(v + offset);
                }
                j.writeEndArray();
            }
            j.writeEndArray();
        }
        j.writeEndArray();
        j.writeEndArray();
        j.writeEndObject();
        j.writeEndArray();
        j.writeEndObject();
    }
}
