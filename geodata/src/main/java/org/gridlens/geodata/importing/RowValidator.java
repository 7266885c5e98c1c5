package org.gridlens.geodata.importing;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.gridlens.geodata.crs.Gcj02;
import org.gridlens.geodata.dictionary.DataDictionary;
import org.gridlens.geodata.dictionary.DictionaryField;
import org.gridlens.geodata.dictionary.FieldType;
import org.gridlens.geodata.time.AsciiDigits;
import org.locationtech.jts.geom.CoordinateSequence;
import org.locationtech.jts.geom.CoordinateSequenceFilter;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.MultiPolygon;
import org.locationtech.jts.geom.Point;
import org.locationtech.jts.geom.Polygon;

/**
 * Maps one source record onto the dictionary fields of a layer and checks what can be checked without
 * the database: required fields, value types, ranges, codes (after the mapping's code translation),
 * geometry presence, type, NaN/infinite coordinates; and converts GCJ-02 and zone-prefixed
 * Gauss-Krüger eastings. The database later checks what needs it (district, validity, duplicates).
 *
 * <p>Timestamps without an offset are read as Asia/Shanghai (UTC+8, no DST).
 */
public final class RowValidator {

    /** Zone number of the 3° Gauss-Krüger zone with central meridian 102°E (EPSG:4543 without prefix). */
    static final double ZONE_PREFIX = 34_000_000.0;
    private static final ZoneOffset CST = ZoneOffset.ofHours(8);
    private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("yyyy-MM-dd[ ]['T']HH:mm[:ss][.SSS]");
    private static final DateTimeFormatter SLASHED = DateTimeFormatter.ofPattern("yyyy/M/d[ ]H:mm[:ss]");
    private static final Map<String, double[]> RANGES = Map.of(
            "building.floors", new double[] {1, 200},
            "building.height_m", new double[] {0.01, 999.99},
            "building.year_built", new double[] {1800, 2100},
            "camera.heading_deg", new double[] {0, 359.999999},
            "camera.fov_deg", new double[] {0.000001, 360},
            "camera.range_m", new double[] {0.000001, 1000},
            "facility.capacity", new double[] {0, 1_000_000});

    private final ImportLayer layer;
    private final SourceMapping mapping;
    private final SourceCrs crs;
    private final List<DictionaryField> fields;
    private final Map<String, DictionaryField> byLowerName = new HashMap<>();
    private final Map<String, Set<String>> codes = new HashMap<>();
    /** Most source column names remembered: a hostile GeoJSON can give every feature new property names. */
    private static final int MAX_CACHED_COLUMNS = 1024;
    /** Source column → dictionary field ("" = none), filled as columns are first seen (a file has few). */
    private final Map<String, String> fieldOfColumn = new HashMap<>();
    private final GeometryFactory factory4326 = new GeometryFactory(new org.locationtech.jts.geom.PrecisionModel(), 4326);

    public RowValidator(ImportLayer layer, DataDictionary dictionary, SourceMapping mapping, SourceCrs crs) {
        this.layer = layer;
        this.mapping = mapping;
        this.crs = crs;
        this.fields = dictionary.fields(layer.table()).stream()
                .filter(f -> f.type() != FieldType.GEOMETRY && !layer.derived().contains(f.field())).toList();
        for (DictionaryField f : fields) {
            byLowerName.put(f.field(), f);
            if (f.type() == FieldType.CODE) {
                codes.put(f.field(), dictionary.codes(f.codeList()));
            }
        }
        for (Map.Entry<String, String> e : mapping.columns().entrySet()) {
            if (!byLowerName.containsKey(e.getValue())) {
                throw new ImportException("the mapping sends column '" + e.getKey() + "' to '" + e.getValue() + "', which is not a"
                        + " field of " + layer.table() + "; fields: " + fields.stream().map(DictionaryField::field).toList());
            }
        }
    }

    /**
     * A validated row.
     *
     * @param row    source row
     * @param key    identity across re-imports ({@code source/source_id} for incidents, else the code)
     * @param values dictionary field → normalised text
     * @param geom   geometry with SRID {@link SourceCrs#stagingSrid()}
     */
    public record StagedRow(long row, String key, Map<String, String> values, Geometry geom) {
    }

    /** Validates one record; appends its issues to {@code issues}; returns null when rejected. */
    public StagedRow validate(SourceRecord r, List<ImportIssue> issues) {
        int before = issues.size();
        Map<String, String> raw = new HashMap<>();
        for (Map.Entry<String, String> e : r.attributes().entrySet()) {
            String field = fieldOfColumn.get(e.getKey());
            if (field == null) {
                field = fieldOf(e.getKey());
                if (fieldOfColumn.size() < MAX_CACHED_COLUMNS) {
                    fieldOfColumn.put(e.getKey(), field);
                }
            }
            if (!field.isEmpty()) {
                raw.put(field, e.getValue().trim());
            }
        }
        mapping.constants().forEach(raw::putIfAbsent);
        Map<String, String> values = new LinkedHashMap<>();
        for (DictionaryField f : fields) {
            String v = raw.get(f.field());
            if (v == null || v.isEmpty()) {
                if (f.required() && !(layer == ImportLayer.BUILDINGS && f.field().equals("base_elev_m"))) {
                    issues.add(reject(r.row(), f.field(), null, "missing required field " + f.field() + " (" + f.nameZh() + ")"));
                }
                continue;
            }
            String normal = normalise(r.row(), f, v, issues);
            if (normal != null) {
                values.put(f.field(), normal);
            }
        }
        if (layer == ImportLayer.REGIONS) {
            checkRegion(r.row(), values, issues);
        }
        Geometry g = geometry(r, issues);
        if (issues.size() > before) {
            return null;
        }
        String key = layer == ImportLayer.INCIDENTS ? values.get("source") + "/" + values.get("source_id") : values.get(layer.keyField());
        return new StagedRow(r.row(), key, values, g);
    }

    /** The dictionary field a source column fills: mapped, else same name in any case; "" for none. */
    private String fieldOf(String column) {
        String field = mapping.columns().get(column);
        if (field == null) {
            String lower = column.toLowerCase(Locale.ROOT);
            field = byLowerName.containsKey(lower) ? lower : "";
        }
        return field;
    }

    private void checkRegion(long row, Map<String, String> values, List<ImportIssue> issues) {
        String code = values.get("code");
        String level = values.get("level");
        if (code == null || level == null) {
            return;
        }
        int want = switch (level) {
            case "district" -> 6;
            case "subdistrict" -> 9;
            case "community" -> 12;
            default -> 15;
        };
        if (!code.matches("\\d{" + want + "}")) {
            issues.add(reject(row, "code", code, "a " + level + " code has " + want + " digits"));
        } else if (!level.equals("district")) {
            String parent = values.get("parent_code");
            if (parent == null || !code.startsWith(parent) || parent.length() != want - 3) {
                issues.add(reject(row, "parent_code", parent, "the parent of " + code + " must be its " + (want - 3) + "-digit prefix"));
            }
        }
    }

    private String normalise(long row, DictionaryField f, String v, List<ImportIssue> issues) {
        try {
            String out = switch (f.type()) {
                case TEXT -> {
                    if (v.length() > 4000) {
                        throw new IllegalArgumentException("text is over 4000 characters");
                    }
                    yield v;
                }
                case INTEGER -> {
                    long n = Long.parseLong(v.endsWith(".0") ? v.substring(0, v.length() - 2) : v);
                    checkRange(f, n);
                    if (n > Integer.MAX_VALUE || n < Integer.MIN_VALUE) {
                        throw new IllegalArgumentException("integer out of range");
                    }
                    yield Long.toString(n);
                }
                case NUMBER -> {
                    double d = Double.parseDouble(v);
                    if (!Double.isFinite(d)) {
                        throw new IllegalArgumentException("not a finite number");
                    }
                    checkRange(f, d);
                    yield Double.toString(d);
                }
                case BOOLEAN -> switch (v.toLowerCase(Locale.ROOT)) {
                    case "true", "t", "1", "y", "yes", "是" -> "true";
                    case "false", "f", "0", "n", "no", "否" -> "false";
                    default -> throw new IllegalArgumentException("not a yes/no value");
                };
                case TIMESTAMP -> timestamp(v).toString();
                case CODE -> {
                    String c = mapping.codes().getOrDefault(f.field(), Map.of()).getOrDefault(v, v);
                    if (!codes.get(f.field()).contains(c)) {
                        throw new IllegalArgumentException("unknown code in list " + f.codeList());
                    }
                    yield c;
                }
                case GEOMETRY -> throw new IllegalStateException("geometry is not an attribute");
            };
            return out;
        } catch (NumberFormatException e) {
            issues.add(reject(row, f.field(), v, "not a " + f.type().name().toLowerCase(Locale.ROOT)));
        } catch (IllegalArgumentException | DateTimeParseException e) {
            issues.add(reject(row, f.field(), v, e.getMessage()));
        }
        return null;
    }

    private static void checkRange(DictionaryField f, double v) {
        double[] r = RANGES.get(f.layer() + "." + f.field());
        if (r != null && (v < r[0] || v > r[1])) {
            throw new IllegalArgumentException("out of range [" + r[0] + ", " + r[1] + "]");
        }
    }

    static OffsetDateTime timestamp(String v) {
        OffsetDateTime plain = plainLocal(v);
        if (plain != null) {
            return plain;
        }
        // the common forms are told apart by shape, so a valid value never costs a thrown exception
        if (v.indexOf('/') < 0 && !hasOffset(v)) {
            try {
                return v.length() == 10 ? LocalDate.parse(v).atStartOfDay().atOffset(CST) : LocalDateTime.parse(v, LOCAL).atOffset(CST);
            } catch (DateTimeParseException ignored) {
                // fall through to the full chain
            }
        }
        try {
            return OffsetDateTime.parse(v).withOffsetSameInstant(CST);
        } catch (DateTimeParseException ignored) {
            // fall through to local forms
        }
        try {
            return LocalDateTime.parse(v, LOCAL).atOffset(CST);
        } catch (DateTimeParseException ignored) {
            // fall through
        }
        try {
            return LocalDateTime.parse(v, SLASHED).atOffset(CST);
        } catch (DateTimeParseException ignored) {
            // fall through
        }
        try {
            return LocalDate.parse(v).atStartOfDay().atOffset(CST);
        } catch (DateTimeParseException e) {
            throw new DateTimeParseException("not a timestamp (use ISO 8601, e.g. 2026-05-01 08:30:00)", v, 0);
        }
    }

    /**
     * {@code yyyy-MM-dd HH:mm[:ss]} (space or {@code T}), the form nearly every export uses, read without
     * the formatter (a fifth of a row's reading time went to its optional sections); null for any other
     * text or an out-of-range field, which then take the formatter chain (same result as before).
     */
    private static OffsetDateTime plainLocal(String v) {
        int n = v.length();
        if ((n != 16 && n != 19) || v.charAt(4) != '-' || v.charAt(7) != '-' || (v.charAt(10) != ' ' && v.charAt(10) != 'T')
                || v.charAt(13) != ':' || (n == 19 && v.charAt(16) != ':')) {
            return null;
        }
        int year = AsciiDigits.value(v, 0, 4);
        int month = AsciiDigits.value(v, 5, 2);
        int day = AsciiDigits.value(v, 8, 2);
        int hour = AsciiDigits.value(v, 11, 2);
        int minute = AsciiDigits.value(v, 14, 2);
        int second = n == 19 ? AsciiDigits.value(v, 17, 2) : 0;
        if ((year | month | day | hour | minute | second) < 0) {
            return null;
        }
        try {
            return OffsetDateTime.of(year, month, day, hour, minute, second, 0, CST);
        } catch (java.time.DateTimeException e) {
            return null; // e.g. 30 February: the formatter chain decides, as before
        }
    }

    /** True when the text after the date part carries a zone: {@code Z}, {@code +hh:mm} or {@code -hh:mm}. */
    private static boolean hasOffset(String v) {
        for (int i = 10; i < v.length(); i++) {
            char ch = v.charAt(i);
            if (ch == 'Z' || ch == 'z' || ch == '+' || ch == '-' || ch == '[') {
                return true;
            }
        }
        return false;
    }

    private Geometry geometry(SourceRecord r, List<ImportIssue> issues) {
        Geometry g = r.geometry();
        if (g == null) {
            issues.add(reject(r.row(), "geom", null, r.geometryProblem() == null ? "no geometry" : r.geometryProblem()));
            return null;
        }
        if (g.isEmpty()) {
            issues.add(reject(r.row(), "geom", g.getGeometryType(), "empty geometry"));
            return null;
        }
        boolean[] bad = {false};
        g.apply(new CoordinateSequenceFilter() {
            @Override
            public void filter(CoordinateSequence seq, int i) {
                if (!Double.isFinite(seq.getX(i)) || !Double.isFinite(seq.getY(i))) {
                    bad[0] = true;
                }
            }

            @Override
            public boolean isDone() {
                return bad[0];
            }

            @Override
            public boolean isGeometryChanged() {
                return false;
            }
        });
        if (bad[0]) {
            issues.add(reject(r.row(), "geom", null, "a coordinate is NaN or infinite"));
            return null;
        }
        if (layer.points() && g instanceof org.locationtech.jts.geom.MultiPoint && g.getNumGeometries() == 1) {
            g = g.getGeometryN(0); // Shapefile and GeoPackage exports often wrap single points
        }
        if (layer.points() && !(g instanceof Point)) {
            issues.add(reject(r.row(), "geom", g.getGeometryType(), "wrong geometry type: " + layer.table() + " needs a Point"));
            return null;
        }
        if (!layer.points() && !(g instanceof Polygon || g instanceof MultiPolygon)) {
            issues.add(reject(r.row(), "geom", g.getGeometryType(), "wrong geometry type: " + layer.table()
                    + " needs a Polygon or MultiPolygon"));
            return null;
        }
        Geometry out = g.copy();
        if (crs.gcj02()) {
            out.apply(new XyFilter((x, y) -> Gcj02.toWgs84(x, y)));
        } else if (crs.epsg() == 4543) {
            out.apply(new XyFilter((x, y) -> new double[] {x >= ZONE_PREFIX ? x - ZONE_PREFIX : x, y}));
        }
        out = factory4326.createGeometry(out);
        out.setSRID(crs.stagingSrid());
        return out;
    }

    private static ImportIssue reject(long row, String field, String value, String reason) {
        return new ImportIssue(row, field, value, reason, ImportIssue.Outcome.REJECTED);
    }

    /** Rewrites x/y of every coordinate. */
    private record XyFilter(Xy f) implements CoordinateSequenceFilter {
        @Override
        public void filter(CoordinateSequence seq, int i) {
            double[] xy = f.apply(seq.getX(i), seq.getY(i));
            seq.setOrdinate(i, 0, xy[0]);
            seq.setOrdinate(i, 1, xy[1]);
        }

        @Override
        public boolean isDone() {
            return false;
        }

        @Override
        public boolean isGeometryChanged() {
            return true;
        }
    }

    @FunctionalInterface
    private interface Xy {
        double[] apply(double x, double y);
    }

    /** The dictionary fields this validator fills, in dictionary order. */
    public List<String> fieldNames() {
        List<String> out = new ArrayList<>();
        fields.forEach(f -> out.add(f.field()));
        return out;
    }
}
