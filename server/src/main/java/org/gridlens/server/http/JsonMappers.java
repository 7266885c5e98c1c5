package org.gridlens.server.http;

import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/**
 * The one JSON mapper of the HTTP layer.
 *
 * <p>Reading is bounded: nesting depth {@value #MAX_DEPTH}, strings up to {@value #MAX_STRING} characters,
 * numbers up to {@value #MAX_NUMBER} digits, documents up to the request size limit; unknown properties
 * in request bodies are errors (a typo must not be silently ignored); NaN/Infinity are refused on input
 * and never written (they are not JSON). Times are ISO-8601 strings.
 */
public final class JsonMappers {

    public static final int MAX_DEPTH = 64;
    public static final int MAX_STRING = 1_000_000;
    public static final int MAX_NUMBER = 64;

    private JsonMappers() {
    }

    public static ObjectMapper create() {
        JsonMapper m = JsonMapper.builder()
                .addModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .disable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
                .enable(JsonWriteFeature.WRITE_NAN_AS_STRINGS)
                .build();
        m.getFactory().setStreamReadConstraints(StreamReadConstraints.builder()
                .maxNestingDepth(MAX_DEPTH).maxStringLength(MAX_STRING).maxNumberLength(MAX_NUMBER).build());
        return m;
    }
}
