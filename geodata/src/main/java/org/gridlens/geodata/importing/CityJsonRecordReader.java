package org.gridlens.geodata.importing;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Reads the Building / BuildingPart objects of a CityJSON (1.1 or 2.0) document as building rows
 * (see {@link CityObjectFootprinter} for what a row holds). The CRS comes from
 * {@code metadata.referenceSystem}.
 *
 * <p>Streams in two passes over the file, because objects share one vertex list that may come before
 * or after them: the first pass checks the whole document (a truncated or malformed file fails here,
 * before any row is returned) and keeps only the transform, the metadata and the vertices (12 bytes a
 * vertex); the second pass parses one CityObject at a time. Memory is therefore bounded by the vertex
 * count ({@link #MAX_VERTICES}; more is refused as too large, with advice to split the file or send it
 * as CityJSONSeq, which {@link CityJsonSeqRecordReader} reads feature by feature) and by the largest
 * single object, not by the file size.
 */
public final class CityJsonRecordReader implements JsonRecordReader {

    /** Most vertices one document may hold (≈ 240 MB of heap at 12 bytes a vertex). */
    public static final long MAX_VERTICES = 20_000_000;

    private final ObjectMapper mapper;
    private final CityJsonVertices vertices;
    private final SourceCrs declared;
    private final CityObjectFootprinter footprinter = new CityObjectFootprinter();
    private final JsonParser objects;
    private long row;

    public CityJsonRecordReader(Path file, ImportLimits limits) throws IOException {
        this(file, limits, MAX_VERTICES);
    }

    /** Tests lower the vertex limit. */
    CityJsonRecordReader(Path file, ImportLimits limits, long maxVertices) throws IOException {
        mapper = mapper(limits);
        vertices = new CityJsonVertices(maxVertices);
        JsonNode metadata = null;
        boolean cityJson = false;
        try (JsonParser p = mapper.createParser(file.toFile())) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw notCityJson();
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String member = p.currentName();
                p.nextToken();
                switch (member) {
                    case "type" -> cityJson = p.currentToken() == JsonToken.VALUE_STRING && p.getText().equals("CityJSON");
                    case "transform" -> vertices.transform(p.readValueAsTree());
                    case "metadata" -> metadata = p.readValueAsTree();
                    case "vertices" -> vertices.read(p);
                    case "CityObjects" -> {
                        if (p.currentToken() != JsonToken.START_OBJECT) {
                            throw new ImportException("the CityJSON \"CityObjects\" member must be an object");
                        }
                        p.skipChildren();
                    }
                    default -> p.skipChildren();
                }
            }
            if (p.nextToken() != null) {
                throw new ImportException("CityJSON has content after its closing brace");
            }
        } catch (JsonProcessingException e) {
            throw new ImportException("CityJSON is malformed or truncated: " + e.getOriginalMessage(), e);
        }
        if (!cityJson) {
            throw notCityJson();
        }
        declared = declaredCrs(metadata);
        objects = mapper.createParser(file.toFile());
        try {
            objects.nextToken();
            while (objects.nextToken() == JsonToken.FIELD_NAME) {
                boolean found = objects.currentName().equals("CityObjects");
                if (objects.nextToken() == JsonToken.START_OBJECT && found) {
                    return;
                }
                objects.skipChildren();
            }
        } catch (IOException | RuntimeException e) {
            objects.close();
            throw e;
        }
        objects.close();
    }

    static ObjectMapper mapper(ImportLimits limits) {
        return new ObjectMapper(JsonFactory.builder().streamReadConstraints(StreamReadConstraints.builder()
                .maxNestingDepth(limits.maxNestingDepth()).maxStringLength(limits.maxStringLength())
                .maxDocumentLength(limits.maxFileBytes()).build()).build());
    }

    private static ImportException notCityJson() {
        return new ImportException("not a CityJSON document (\"type\" must be \"CityJSON\")");
    }

    /** The EPSG code of {@code metadata.referenceSystem} (an OGC CRS URL or "EPSG:n"), if there is one. */
    static SourceCrs declaredCrs(JsonNode metadata) {
        String rs = metadata == null ? "" : metadata.path("referenceSystem").asText("");
        try {
            return rs.isEmpty() ? null : SourceCrs.parse(rs.replaceFirst("^.*/EPSG/\\d+/", "EPSG:"));
        } catch (IllegalArgumentException e) {
            throw new ImportException("the CityJSON's " + e.getMessage());
        }
    }

    @Override
    public Optional<SourceCrs> declaredCrs() {
        return Optional.ofNullable(declared);
    }

    @Override
    public SourceRecord next() throws IOException {
        if (objects.isClosed()) {
            return null;
        }
        try {
            while (objects.nextToken() == JsonToken.FIELD_NAME) {
                String id = objects.currentName();
                objects.nextToken();
                JsonNode object = objects.readValueAsTree();
                if (object != null && CityObjectFootprinter.isBuilding(object)) {
                    return footprinter.footprint(++row, id, object, vertices);
                }
            }
        } catch (JsonProcessingException e) {
            throw new ImportException("CityJSON is malformed or truncated: " + e.getOriginalMessage(), e);
        }
        objects.close();
        return null;
    }

    @Override
    public void close() throws IOException {
        objects.close();
    }
}
