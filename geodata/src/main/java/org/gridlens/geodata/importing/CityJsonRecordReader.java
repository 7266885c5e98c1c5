package org.gridlens.geodata.importing;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
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
 * Reads the Building / BuildingPart objects of a CityJSON (1.1 or 2.0) file as building rows: the
 * footprint is the union of the solid's lowest horizontal faces, {@code base_elev_m} their height and
 * {@code height_m} the solid's vertical extent; CityJSON attributes become source columns. The
 * CRS comes from {@code metadata.referenceSystem}. The document is parsed as a tree within the JSON
 * limits of {@link ImportLimits} (CityJSON shares vertices between objects, so it is not streamable
 * object by object).
 *
 * <p>Memory is bounded by refusing files over {@link #MAX_BYTES} (32 MiB) before parsing, with a
 * message that says to split the file: the tree of a CityJSON file takes about five to ten times its
 * size in heap, so the limit keeps one import under ~320 MB. A district's buildings at LoD1 (the
 * demo's 6,000 buildings) are a few MB.
 */
public final class CityJsonRecordReader implements RecordReader {

    private final Iterator<Map.Entry<String, JsonNode>> objects;
    private final double[][] vertices;
    private final SourceCrs declared;
    private final GeometryFactory factory = new GeometryFactory();
    private long row;

    /** Largest CityJSON file read (bytes). */
    public static final long MAX_BYTES = 32L << 20;

    public CityJsonRecordReader(Path file, ImportLimits limits) throws IOException {
        this(file, limits, MAX_BYTES);
    }

    /** Tests lower the size limit. */
    CityJsonRecordReader(Path file, ImportLimits limits, long maxBytes) throws IOException {
        long size = java.nio.file.Files.size(file);
        if (size > maxBytes) {
            throw ImportException.tooLarge("CityJSON files are read whole (their objects share one vertex list), so they are"
                    + " limited to " + (maxBytes % (1 << 20) == 0 ? (maxBytes >> 20) + " MiB" : maxBytes + " bytes") + "; this one is " + size + " bytes: split it by area (e.g. cjio subset"
                    + " --bbox) and import the parts");
        }
        JsonFactory f = JsonFactory.builder().streamReadConstraints(StreamReadConstraints.builder()
                .maxNestingDepth(limits.maxNestingDepth()).maxStringLength(limits.maxStringLength())
                .maxDocumentLength(limits.maxFileBytes()).build()).build();
        JsonNode doc;
        try {
            doc = new ObjectMapper(f).readTree(file.toFile());
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new ImportException("CityJSON is malformed or truncated: " + e.getOriginalMessage(), e);
        }
        if (doc == null || !"CityJSON".equals(doc.path("type").asText())) {
            throw new ImportException("not a CityJSON document (\"type\" must be \"CityJSON\")");
        }
        JsonNode scale = doc.path("transform").path("scale");
        JsonNode translate = doc.path("transform").path("translate");
        JsonNode vs = doc.path("vertices");
        vertices = new double[vs.size()][];
        for (int i = 0; i < vs.size(); i++) {
            double[] v = new double[3];
            for (int k = 0; k < 3; k++) {
                v[k] = vs.get(i).get(k).asDouble() * (scale.isMissingNode() ? 1 : scale.get(k).asDouble())
                        + (translate.isMissingNode() ? 0 : translate.get(k).asDouble());
            }
            vertices[i] = v;
        }
        String rs = doc.path("metadata").path("referenceSystem").asText("");
        try {
            declared = rs.isEmpty() ? null : SourceCrs.parse(rs.replaceFirst("^.*/EPSG/\\d+/", "EPSG:"));
        } catch (IllegalArgumentException e) {
            throw new ImportException("the CityJSON's " + e.getMessage());
        }
        List<Map.Entry<String, JsonNode>> buildings = new ArrayList<>();
        doc.path("CityObjects").fields().forEachRemaining(e -> {
            String type = e.getValue().path("type").asText();
            if (type.equals("Building") || type.equals("BuildingPart")) {
                buildings.add(e);
            }
        });
        objects = buildings.iterator();
    }

    @Override
    public Optional<SourceCrs> declaredCrs() {
        return Optional.ofNullable(declared);
    }

    @Override
    public String encoding() {
        return "UTF-8";
    }

    @Override
    public SourceRecord next() {
        if (!objects.hasNext()) {
            return null;
        }
        row++;
        Map.Entry<String, JsonNode> e = objects.next();
        Map<String, String> attrs = new LinkedHashMap<>();
        e.getValue().path("attributes").fields().forEachRemaining(a -> {
            if (a.getValue().isValueNode() && !a.getValue().isNull()) {
                attrs.put(a.getKey(), a.getValue().asText());
            }
        });
        attrs.putIfAbsent("code", e.getKey());
        try {
            List<Polygon> faces = new ArrayList<>();
            double zMin = Double.POSITIVE_INFINITY;
            double zMax = Double.NEGATIVE_INFINITY;
            for (JsonNode geom : e.getValue().path("geometry")) {
                if (!geom.path("type").asText().equals("Solid")) {
                    continue;
                }
                for (JsonNode surface : geom.path("boundaries").get(0)) {
                    List<LinearRing> rings = new ArrayList<>();
                    double fz = Double.NEGATIVE_INFINITY;
                    double fzMin = Double.POSITIVE_INFINITY;
                    for (JsonNode ring : surface) {
                        Coordinate[] cs = new Coordinate[ring.size() + 1];
                        for (int i = 0; i < ring.size(); i++) {
                            double[] v = vertices[ring.get(i).asInt()];
                            cs[i] = new Coordinate(v[0], v[1]);
                            fz = Math.max(fz, v[2]);
                            fzMin = Math.min(fzMin, v[2]);
                            zMin = Math.min(zMin, v[2]);
                            zMax = Math.max(zMax, v[2]);
                        }
                        cs[ring.size()] = cs[0];
                        rings.add(factory.createLinearRing(cs));
                    }
                    if (fz - fzMin < 1e-6) {
                        Polygon p = factory.createPolygon(rings.get(0), rings.subList(1, rings.size()).toArray(LinearRing[]::new));
                        p.setUserData(fz);
                        faces.add(p);
                    }
                }
            }
            if (faces.isEmpty()) {
                return new SourceRecord(row, attrs, null, "no Solid geometry with horizontal faces");
            }
            double base = zMin;
            Geometry footprint = factory.buildGeometry(faces.stream().filter(p -> Math.abs((Double) p.getUserData() - base) < 1e-6)
                    .toList()).union();
            attrs.put("base_elev_m", Double.toString(base));
            attrs.put("height_m", Double.toString(zMax - zMin));
            return new SourceRecord(row, attrs, footprint, null);
        } catch (RuntimeException ex) {
            return new SourceRecord(row, attrs, null, "unreadable CityJSON geometry: " + ex.getMessage());
        }
    }

    @Override
    public void close() {
        // the document was read whole in the constructor
    }
}
