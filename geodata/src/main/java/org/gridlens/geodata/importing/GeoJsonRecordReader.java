package org.gridlens.geodata.importing;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.LinearRing;
import org.locationtech.jts.geom.Polygon;

/**
 * Streams the features of a GeoJSON FeatureCollection (RFC 7946, plus the legacy {@code crs} member that
 * GDAL writes before {@code features}) with Jackson's streaming parser: one feature in memory at a time.
 *
 * <p>Guarantees: nesting depth, string length and document size are bounded by Jackson's
 * {@link StreamReadConstraints} from {@link ImportLimits}; geometry coordinates are parsed without a
 * tree and the vertex count is checked while reading, so a 10⁶-vertex polygon is rejected (as a row
 * problem) without building it. Truncated or malformed JSON is an {@link ImportException}.
 */
public final class GeoJsonRecordReader implements JsonRecordReader {

    private static final ObjectMapper TREE = new ObjectMapper();
    private final JsonParser p;
    private final GeometryFactory factory = new GeometryFactory();
    private final ImportLimits limits;
    private SourceCrs declared;
    private long row;
    private boolean inFeatures;
    private boolean done;

    public GeoJsonRecordReader(Path file, ImportLimits limits) throws IOException {
        this(Files.newInputStream(file), limits);
    }

    public GeoJsonRecordReader(InputStream in, ImportLimits limits) throws IOException {
        this.limits = limits;
        JsonFactory f = JsonFactory.builder()
                .streamReadConstraints(StreamReadConstraints.builder()
                        .maxNestingDepth(limits.maxNestingDepth())
                        .maxStringLength(limits.maxStringLength())
                        .maxDocumentLength(limits.maxFileBytes())
                        .maxNumberLength(64)
                        .build())
                .enable(com.fasterxml.jackson.core.json.JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
                .build();
        this.p = f.createParser(in);
    }

    @Override
    public Optional<SourceCrs> declaredCrs() {
        return Optional.ofNullable(declared);
    }

    @Override
    public SourceRecord next() throws IOException {
        try {
            return advance();
        } catch (StreamConstraintsException e) {
            throw new ImportException("GeoJSON refused: " + e.getOriginalMessage(), e);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new ImportException("GeoJSON is malformed or truncated near line " + e.getLocation().getLineNr() + ": "
                    + e.getOriginalMessage(), e);
        }
    }

    private SourceRecord advance() throws IOException {
        if (done) {
            return null;
        }
        if (!inFeatures) {
            if (row == 0 && p.nextToken() != JsonToken.START_OBJECT) {
                throw new ImportException("GeoJSON must be a FeatureCollection object");
            }
            while (true) {
                JsonToken t = p.nextToken();
                if (t == JsonToken.END_OBJECT || t == null) {
                    throw new ImportException("GeoJSON has no \"features\" array");
                }
                String name = p.currentName();
                p.nextToken();
                if ("features".equals(name)) {
                    if (p.currentToken() != JsonToken.START_ARRAY) {
                        throw new ImportException("GeoJSON \"features\" must be an array");
                    }
                    inFeatures = true;
                    break;
                } else if ("crs".equals(name)) {
                    readCrs();
                } else if ("type".equals(name)) {
                    if (!"FeatureCollection".equals(p.getValueAsString())) {
                        throw new ImportException("GeoJSON must be a FeatureCollection, not " + p.getValueAsString());
                    }
                } else {
                    p.skipChildren();
                }
            }
        }
        JsonToken t = p.nextToken();
        if (t == JsonToken.END_ARRAY) {
            done = true;
            while (p.nextToken() != null) {
                p.skipChildren();
            }
            return null;
        }
        if (t != JsonToken.START_OBJECT) {
            throw new ImportException("GeoJSON feature " + (row + 1) + " is not an object");
        }
        row++;
        Map<String, String> attributes = new LinkedHashMap<>();
        Geometry geometry = null;
        String problem = "no geometry";
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            p.nextToken();
            switch (name) {
                case "properties" -> readProperties(attributes);
                case "geometry" -> {
                    if (p.currentToken() == JsonToken.VALUE_NULL) {
                        problem = "geometry is null";
                    } else if (p.currentToken() != JsonToken.START_OBJECT) {
                        p.skipChildren();
                        problem = "geometry is not an object";
                    } else {
                        var parent = p.getParsingContext().getParent();
                        try {
                            geometry = readGeometry();
                            problem = null;
                        } catch (GeometryProblem g) {
                            problem = g.getMessage();
                            skipRestOf(parent);
                        }
                    }
                }
                case "id" -> {
                    if (p.currentToken().isScalarValue()) {
                        attributes.putIfAbsent("id", p.getValueAsString());
                    } else {
                        p.skipChildren();
                    }
                }
                default -> p.skipChildren();
            }
        }
        return new SourceRecord(row, attributes, geometry, problem);
    }

    private void readCrs() throws IOException {
        com.fasterxml.jackson.databind.JsonNode node = TREE.readTree(p);
        String name = node.path("properties").path("name").asText("");
        if (!name.isEmpty()) {
            try {
                declared = SourceCrs.parse(name);
            } catch (IllegalArgumentException e) {
                throw new ImportException("GeoJSON declares " + e.getMessage());
            }
        }
    }

    private void readProperties(Map<String, String> out) throws IOException {
        if (p.currentToken() == JsonToken.VALUE_NULL) {
            return;
        }
        if (p.currentToken() != JsonToken.START_OBJECT) {
            throw new ImportException("GeoJSON feature " + row + ": properties must be an object");
        }
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String key = p.currentName();
            JsonToken v = p.nextToken();
            if (v == JsonToken.VALUE_NULL) {
                continue;
            }
            if (v.isScalarValue()) {
                out.put(key, p.getValueAsString());
            } else {
                out.put(key, TREE.writeValueAsString((com.fasterxml.jackson.databind.JsonNode) TREE.readTree(p)));
            }
        }
    }

    /** Reads a geometry object; the parser stands on its START_OBJECT. */
    private Geometry readGeometry() throws IOException {
        if (p.currentToken() != JsonToken.START_OBJECT) {
            throw new GeometryProblem("geometry is not an object");
        }
        String type = null;
        Object coords = null;
        int[] vertices = {0};
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            p.nextToken();
            if ("type".equals(name)) {
                type = p.getValueAsString();
            } else if ("coordinates".equals(name)) {
                coords = readCoordinates(vertices);
            } else {
                p.skipChildren();
            }
        }
        if (type == null) {
            throw new GeometryProblem("geometry has no type");
        }
        if (coords == null && !"Point".equals(type)) {
            throw new GeometryProblem(type + " has no coordinates");
        }
        try {
            return build(type, coords);
        } catch (ClassCastException | IllegalArgumentException | NullPointerException | IndexOutOfBoundsException e) {
            throw new GeometryProblem("coordinates do not form a valid " + type + (e.getMessage() == null ? "" : ": " + e.getMessage()));
        }
    }

    /** A position (double[]) or a nested List of them. */
    private Object readCoordinates(int[] vertices) throws IOException {
        if (p.currentToken() != JsonToken.START_ARRAY) {
            throw new GeometryProblem("coordinates must be arrays");
        }
        JsonToken t = p.nextToken();
        if (t == JsonToken.VALUE_NUMBER_INT || t == JsonToken.VALUE_NUMBER_FLOAT) {
            double[] pos = new double[3];
            int n = 0;
            while (t != JsonToken.END_ARRAY) {
                if (t != JsonToken.VALUE_NUMBER_INT && t != JsonToken.VALUE_NUMBER_FLOAT) {
                    throw new GeometryProblem("a position holds a non-number");
                }
                if (n < 3) {
                    pos[n] = p.getDoubleValue();
                }
                n++;
                t = p.nextToken();
            }
            if (n < 2) {
                throw new GeometryProblem("a position needs two numbers");
            }
            if (++vertices[0] > limits.maxVertices()) {
                throw new GeometryProblem("geometry has more than " + limits.maxVertices() + " vertices");
            }
            return n >= 3 ? pos : new double[] {pos[0], pos[1]};
        }
        List<Object> list = new ArrayList<>();
        while (t != JsonToken.END_ARRAY) {
            if (t == JsonToken.VALUE_STRING && "NaN".equalsIgnoreCase(p.getText())) {
                throw new GeometryProblem("coordinate is NaN");
            }
            list.add(readCoordinates(vertices));
            t = p.nextToken();
        }
        return list;
    }

    /** After a problem inside a geometry, skips tokens until the geometry object whose parent is {@code parent} is closed. */
    private void skipRestOf(com.fasterxml.jackson.core.JsonStreamContext parent) throws IOException {
        while (!(p.currentToken() == JsonToken.END_OBJECT && p.getParsingContext() == parent)) {
            if (p.nextToken() == null) {
                throw new ImportException("GeoJSON is truncated inside feature " + row);
            }
        }
    }

    @SuppressWarnings("unchecked")
    private Geometry build(String type, Object c) {
        return switch (type) {
            case "Point" -> c instanceof double[] d ? factory.createPoint(coord(d)) : factory.createPoint();
            case "MultiPoint" -> factory.createMultiPointFromCoords(coords((List<Object>) c));
            case "LineString" -> factory.createLineString(coords((List<Object>) c));
            case "MultiLineString" -> factory.createMultiLineString(((List<Object>) c).stream()
                    .map(l -> factory.createLineString(coords((List<Object>) l))).toArray(org.locationtech.jts.geom.LineString[]::new));
            case "Polygon" -> polygon((List<Object>) c);
            case "MultiPolygon" -> factory.createMultiPolygon(((List<Object>) c).stream()
                    .map(x -> polygon((List<Object>) x)).toArray(Polygon[]::new));
            default -> throw new IllegalArgumentException("unsupported geometry type");
        };
    }

    @SuppressWarnings("unchecked")
    private Polygon polygon(List<Object> rings) {
        if (rings.isEmpty()) {
            return factory.createPolygon();
        }
        LinearRing shell = factory.createLinearRing(coords((List<Object>) rings.get(0)));
        LinearRing[] holes = rings.subList(1, rings.size()).stream().map(r -> factory.createLinearRing(coords((List<Object>) r)))
                .toArray(LinearRing[]::new);
        return factory.createPolygon(shell, holes);
    }

    private static Coordinate[] coords(List<Object> list) {
        return list.stream().map(o -> coord((double[]) o)).toArray(Coordinate[]::new);
    }

    private static Coordinate coord(double[] d) {
        return d.length >= 3 ? new Coordinate(d[0], d[1], d[2]) : new Coordinate(d[0], d[1]);
    }

    @Override
    public void close() throws IOException {
        p.close();
    }

    /** A geometry that cannot be read: a row problem, not a file problem. */
    private static final class GeometryProblem extends RuntimeException {
        GeometryProblem(String message) {
            super(message, null, false, false);
        }
    }
}
