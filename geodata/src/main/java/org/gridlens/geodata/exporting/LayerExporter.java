package org.gridlens.geodata.exporting;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import javax.sql.DataSource;
import mil.nga.geopackage.GeoPackage;
import mil.nga.geopackage.GeoPackageManager;
import mil.nga.geopackage.db.GeoPackageDataType;
import mil.nga.geopackage.features.columns.GeometryColumns;
import mil.nga.geopackage.features.user.FeatureColumn;
import mil.nga.geopackage.features.user.FeatureDao;
import mil.nga.geopackage.features.user.FeatureRow;
import mil.nga.geopackage.features.user.FeatureTableMetadata;
import mil.nga.geopackage.geom.GeoPackageGeometryData;
import mil.nga.sf.GeometryType;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.gridlens.geodata.dictionary.DataDictionary;
import org.gridlens.geodata.dictionary.DictionaryField;
import org.gridlens.geodata.dictionary.DictionaryRepository;
import org.gridlens.geodata.dictionary.FieldType;
import org.gridlens.geodata.dictionary.Sensitivity;

/**
 * Streams a layer out of PostGIS. Rows are read with a server-side cursor (fetch size
 * {@value #FETCH_SIZE}) and written as they arrive, so memory does not grow with the layer: a million
 * incidents export in the same heap as a hundred. Only PUBLIC dictionary fields are written, under
 * their dictionary names; features are ordered by id so paging is stable.
 *
 * <p>CSV: UTF-8, optional BOM for Excel, geometry as WKT in column {@code wkt}; text cells starting
 * with {@code = + - @}, tab or carriage return are prefixed with {@code '} so spreadsheets do not run
 * them as formulas (OWASP CSV injection). GeoPackage: written with the NGA library into a file the
 * caller owns (SQLite needs random access), EPSG:4326.
 */
public final class LayerExporter {

    static final int FETCH_SIZE = 2000;
    private static final JsonFactory JSON = new JsonFactory();

    private final DataSource dataSource;
    private final Map<ExportLayer, ExportColumns> columns = new ConcurrentHashMap<>();

    public LayerExporter(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** The exported columns of a layer (dictionary ∩ catalog), read once and cached. */
    public ExportColumns columns(ExportLayer layer) throws SQLException {
        ExportColumns c = columns.get(layer);
        if (c == null) {
            c = loadColumns(layer);
            columns.put(layer, c);
        }
        return c;
    }

    private ExportColumns loadColumns(ExportLayer layer) throws SQLException {
        DataDictionary dictionary = new DictionaryRepository(dataSource).load();
        Set<String> existing = new HashSet<>();
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT column_name FROM information_schema.columns"
                     + " WHERE table_schema = current_schema() AND table_name = ?")) {
            ps.setString(1, layer.table());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    existing.add(rs.getString(1));
                }
            }
        }
        List<String> names = new ArrayList<>();
        List<FieldType> types = new ArrayList<>();
        for (DictionaryField f : dictionary.fields(layer.table())) {
            if (f.sensitivity() == Sensitivity.PUBLIC && f.type() != FieldType.GEOMETRY && existing.contains(f.field())) {
                names.add(f.field());
                types.add(f.type());
            }
        }
        return new ExportColumns(names, types);
    }

    /** Number of features matching the query, ignoring limit and offset. */
    public long count(ExportQuery q) throws SQLException {
        List<Object> binds = new ArrayList<>();
        String sql = "SELECT count(*) FROM " + q.layer().table() + " t" + where(q, binds);
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            bind(ps, binds);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    /** Writes a GeoJSON FeatureCollection; returns the number of features. */
    public long writeGeoJson(ExportQuery q, OutputStream out) throws SQLException, IOException {
        try (JsonGenerator g = JSON.createGenerator(out, JsonEncoding.UTF8)) {
            g.writeStartObject();
            g.writeStringField("type", "FeatureCollection");
            g.writeArrayFieldStart("features");
            long n = writeFeatures(q, g);
            g.writeEndArray();
            g.writeEndObject();
            return n;
        }
    }

    /** Writes the matching features as GeoJSON Feature objects into an array the caller opened. */
    public long writeFeatures(ExportQuery q, JsonGenerator g) throws SQLException, IOException {
        ExportColumns cols = columns(q.layer());
        return stream(q, "ST_AsGeoJSON(t.geom, 7)", rs -> {
            g.writeStartObject();
            g.writeStringField("type", "Feature");
            g.writeNumberField("id", rs.getLong(1));
            g.writeObjectFieldStart("properties");
            for (int i = 0; i < cols.names().size(); i++) {
                String v = rs.getString(i + 2);
                g.writeFieldName(cols.names().get(i));
                if (v == null) {
                    g.writeNull();
                } else {
                    switch (cols.types().get(i)) {
                        case INTEGER, NUMBER -> g.writeNumber(v);
                        case BOOLEAN -> g.writeBoolean("t".equals(v) || "true".equals(v));
                        default -> g.writeString(v);
                    }
                }
            }
            g.writeEndObject();
            g.writeFieldName("geometry");
            g.writeRawValue(rs.getString(cols.names().size() + 2));
            g.writeEndObject();
        });
    }

    /** Writes CSV (header = dictionary field names + {@code id}, {@code wkt}); returns the number of rows. */
    public long writeCsv(ExportQuery q, OutputStream out, boolean bom) throws SQLException, IOException {
        ExportColumns cols = columns(q.layer());
        Writer w = new OutputStreamWriter(out, StandardCharsets.UTF_8);
        if (bom) {
            w.write('\uFEFF');
        }
        List<String> header = new ArrayList<>();
        header.add("id");
        header.addAll(cols.names());
        header.add("wkt");
        CSVPrinter csv = new CSVPrinter(w, CSVFormat.RFC4180.builder().setHeader(header.toArray(String[]::new)).get());
        long n = stream(q, "ST_AsText(t.geom, 7)", rs -> {
            csv.print(rs.getLong(1));
            for (int i = 0; i < cols.names().size(); i++) {
                String v = rs.getString(i + 2);
                FieldType t = cols.types().get(i);
                csv.print(v == null ? null : (t == FieldType.TEXT || t == FieldType.CODE || t == FieldType.TIMESTAMP) ? neutralise(v) : v);
            }
            csv.print(rs.getString(cols.names().size() + 2));
            csv.println();
        });
        csv.flush();
        return n;
    }

    /** Prefixes a cell a spreadsheet would evaluate as a formula with an apostrophe. */
    public static String neutralise(String cell) {
        if (!cell.isEmpty() && "=+-@\t\r".indexOf(cell.charAt(0)) >= 0) {
            return "'" + cell;
        }
        return cell;
    }

    /** Writes a GeoPackage (one feature table named after the layer, EPSG:4326) to {@code file}, which must not exist. */
    public long writeGeoPackage(ExportQuery q, Path file) throws SQLException, IOException {
        ExportColumns cols = columns(q.layer());
        GeoPackageManager.create(file.toFile());
        try (GeoPackage gpkg = GeoPackageManager.open(file.toFile())) {
            GeometryColumns gc = new GeometryColumns();
            gc.setTableName(q.layer().id().replace('-', '_'));
            gc.setColumnName("geom");
            gc.setGeometryType(GeometryType.GEOMETRY);
            gc.setZ((byte) 0);
            gc.setM((byte) 0);
            gc.setSrsId(4326);
            List<FeatureColumn> fcs = new ArrayList<>();
            for (int i = 0; i < cols.names().size(); i++) {
                GeoPackageDataType type = switch (cols.types().get(i)) {
                    case INTEGER -> GeoPackageDataType.INTEGER;
                    case NUMBER -> GeoPackageDataType.REAL;
                    case BOOLEAN -> GeoPackageDataType.BOOLEAN;
                    default -> GeoPackageDataType.TEXT;
                };
                fcs.add(FeatureColumn.createColumn(cols.names().get(i), type));
            }
            gpkg.createFeatureTable(FeatureTableMetadata.create(gc, "fid", fcs));
            FeatureDao dao = gpkg.getFeatureDao(gc.getTableName());
            gpkg.beginTransaction();
            long[] n = {0};
            try {
                stream(q, "ST_AsBinary(t.geom)", rs -> {
                    FeatureRow row = dao.newRow();
                    for (int i = 0; i < cols.names().size(); i++) {
                        String v = rs.getString(i + 2);
                        Object value = v == null ? null : switch (cols.types().get(i)) {
                            case INTEGER -> Long.parseLong(v);
                            case NUMBER -> Double.parseDouble(v);
                            case BOOLEAN -> "t".equals(v) || "true".equals(v);
                            default -> v;
                        };
                        row.setValue(cols.names().get(i), value);
                    }
                    row.setGeometry(GeoPackageGeometryData.createFromWkb(4326, rs.getBytes(cols.names().size() + 2)));
                    dao.insert(row);
                    if (++n[0] % 10_000 == 0) {
                        gpkg.commit();
                        gpkg.beginTransaction();
                    }
                });
            } finally {
                gpkg.endTransaction(true);
            }
            return n[0];
        }
    }

    @FunctionalInterface
    private interface RowSink {
        void accept(ResultSet rs) throws SQLException, IOException;
    }

    private long stream(ExportQuery q, String geometryExpression, RowSink sink) throws SQLException, IOException {
        ExportColumns cols = columns(q.layer());
        StringBuilder sql = new StringBuilder("SELECT t.id");
        for (int i = 0; i < cols.names().size(); i++) {
            String col = "t.\"" + cols.names().get(i) + "\"";
            sql.append(", ").append(cols.types().get(i) == FieldType.TIMESTAMP
                    ? "to_char(" + col + " AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD\"T\"HH24:MI:SS\"+08:00\"')" : col + "::text");
        }
        List<Object> binds = new ArrayList<>();
        sql.append(", ").append(geometryExpression).append(" FROM ").append(q.layer().table()).append(" t").append(where(q, binds))
                .append(" ORDER BY t.id");
        if (q.limit() > 0) {
            sql.append(" LIMIT ?");
            binds.add(q.limit());
        }
        if (q.offset() > 0) {
            sql.append(" OFFSET ?");
            binds.add(q.offset());
        }
        long n = 0;
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement ps = c.prepareStatement(sql.toString())) {
                ps.setFetchSize(FETCH_SIZE);
                bind(ps, binds);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        sink.accept(rs);
                        n++;
                    }
                }
            } finally {
                c.rollback();
                c.setAutoCommit(true);
            }
        }
        return n;
    }

    private static String where(ExportQuery q, List<Object> binds) {
        List<String> conds = new ArrayList<>();
        if (q.regionCode() != null) {
            conds.add("ST_Intersects(t.geom, (SELECT r.geom FROM region r WHERE r.code = ?))");
            binds.add(q.regionCode());
        }
        if (q.layer().timeColumn() != null && q.from() != null) {
            conds.add("t." + q.layer().timeColumn() + " >= ?");
            binds.add(Timestamp.from(q.from().toInstant()));
        }
        if (q.layer().timeColumn() != null && q.to() != null) {
            conds.add("t." + q.layer().timeColumn() + " < ?");
            binds.add(Timestamp.from(q.to().toInstant()));
        }
        if (q.bbox() != null) {
            conds.add("ST_Intersects(t.geom, ST_MakeEnvelope(?, ?, ?, ?, 4326))");
            for (double d : q.bbox()) {
                binds.add(d);
            }
        }
        if (q.featureId() != null) {
            conds.add("t.id = ?");
            binds.add(q.featureId());
        }
        return conds.isEmpty() ? "" : " WHERE " + String.join(" AND ", conds);
    }

    private static void bind(PreparedStatement ps, List<Object> binds) throws SQLException {
        for (int i = 0; i < binds.size(); i++) {
            ps.setObject(i + 1, binds.get(i));
        }
    }
}
