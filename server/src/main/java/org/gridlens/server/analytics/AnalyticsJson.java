package org.gridlens.server.analytics;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * The JSON writer of the analytics endpoints. Every double goes through a serializer that writes
 * {@code null} for NaN and ±Infinity (Jackson would otherwise emit them as tokens or strings, neither of
 * which is JSON a client can trust); dates are ISO strings.
 */
final class AnalyticsJson {

    static final ObjectMapper MAPPER = create();

    private AnalyticsJson() {
    }

    private static ObjectMapper create() {
        JsonSerializer<Double> finite = new JsonSerializer<>() {
            @Override
            public void serialize(Double v, JsonGenerator g, SerializerProvider p) throws IOException {
                if (v == null || !Double.isFinite(v)) {
                    g.writeNull();
                } else {
                    g.writeNumber(v);
                }
            }
        };
        SimpleModule m = new SimpleModule("finite-doubles");
        m.addSerializer(Double.class, finite);
        m.addSerializer(double.class, finite);
        m.addSerializer(java.time.LocalDate.class, new JsonSerializer<>() {
            @Override
            public void serialize(java.time.LocalDate v, JsonGenerator g, SerializerProvider p) throws IOException {
                g.writeString(v.toString());
            }
        });
        ObjectMapper mapper = new ObjectMapper();
        mapper.registerModule(m);
        return mapper;
    }

    static byte[] bytes(Object body) {
        try {
            return MAPPER.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Parses GeoJSON geometry text produced by PostGIS. */
    static JsonNode geometry(String geoJson) {
        try {
            return MAPPER.readTree(geoJson);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
