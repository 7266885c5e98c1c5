package org.gridlens.geodata.importing;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;

/**
 * Reads CityJSON Text Sequences (CityJSONSeq, {@code .city.jsonl}; CityJSON 2.0): a first JSON value
 * holding the {@code CityJSON} header (transform, metadata, no objects), then one
 * {@code CityJSONFeature} per line with its own CityObjects and its own vertices, indexed from 0 and
 * quantised with the header's transform. Buildings become rows as in {@link CityJsonRecordReader}.
 *
 * <p>Streams one feature at a time: memory is bounded by the largest feature, not by the file, so
 * files of any size import. A feature that is not valid JSON (a file cut mid-line) fails the whole
 * import, as does a value that is not a {@code CityJSONFeature}. JSON nesting and string lengths are
 * bounded as in {@link ImportLimits}; a feature holds at most {@link CityJsonRecordReader#MAX_VERTICES}
 * vertices.
 */
public final class CityJsonSeqRecordReader implements JsonRecordReader {

    private final JsonParser values;
    private final JsonNode transform;
    private final SourceCrs declared;
    private final CityObjectFootprinter footprinter = new CityObjectFootprinter();
    private final Deque<SourceRecord> pending = new ArrayDeque<>();
    private final ObjectMapper mapper;
    private long row;

    public CityJsonSeqRecordReader(Path file, ImportLimits limits) throws IOException {
        mapper = CityJsonRecordReader.mapper(limits);
        values = mapper.createParser(file.toFile());
        try {
            JsonNode header = nextValue();
            if (header == null || !"CityJSON".equals(header.path("type").asText())) {
                throw new ImportException("not a CityJSONSeq file: its first line must be the \"CityJSON\" header");
            }
            transform = header.path("transform");
            if (!transform.isObject()) {
                throw new ImportException("the CityJSONSeq header has no \"transform\" (its features' vertices need one)");
            }
            declared = CityJsonRecordReader.declaredCrs(header.path("metadata"));
        } catch (IOException | RuntimeException e) {
            values.close();
            throw e;
        }
    }

    /** The next root-level JSON value, or null at the end of the file. */
    private JsonNode nextValue() throws IOException {
        try {
            return values.nextToken() == null ? null : values.readValueAsTree();
        } catch (JsonProcessingException e) {
            throw new ImportException("CityJSONSeq is malformed or truncated near line " + values.currentLocation().getLineNr()
                    + ": " + e.getOriginalMessage(), e);
        }
    }

    @Override
    public Optional<SourceCrs> declaredCrs() {
        return Optional.ofNullable(declared);
    }

    @Override
    public SourceRecord next() throws IOException {
        while (pending.isEmpty()) {
            JsonNode feature = nextValue();
            if (feature == null) {
                return null;
            }
            if (!"CityJSONFeature".equals(feature.path("type").asText())) {
                throw new ImportException("CityJSONSeq line " + values.currentLocation().getLineNr() + " is not a \"CityJSONFeature\"");
            }
            CityJsonVertices vertices = new CityJsonVertices(CityJsonRecordReader.MAX_VERTICES);
            vertices.transform(transform);
            try (JsonParser p = mapper.treeAsTokens(feature.path("vertices"))) {
                p.nextToken();
                vertices.read(p);
            }
            for (Iterator<Map.Entry<String, JsonNode>> it = feature.path("CityObjects").fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                if (CityObjectFootprinter.isBuilding(e.getValue())) {
                    pending.add(footprinter.footprint(++row, e.getKey(), e.getValue(), vertices));
                }
            }
        }
        return pending.poll();
    }

    @Override
    public void close() throws IOException {
        values.close();
    }
}
