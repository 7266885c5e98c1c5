package org.gridlens.server.live;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import org.gridlens.server.testing.TestServer;

/** JSON helpers for the live-intake tests. */
final class LiveClient {

    static final ObjectMapper JSON = new ObjectMapper();
    /** One fixed report time, so that a resent report is byte-for-byte the same payload. */
    static final Instant AT = Instant.now().minusSeconds(60).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);

    private LiveClient() {
    }

    static HttpResponse<String> post(TestServer server, String path, String body) {
        return server.send(server.request(path).timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    static JsonNode json(HttpResponse<String> r) {
        try {
            return JSON.readTree(r.body());
        } catch (Exception e) {
            throw new AssertionError("not JSON: " + r.body(), e);
        }
    }

    /** A valid report at the fixture's point, with the given id and category. */
    static String report(String sourceId, String category) {
        return report(sourceId, category, "\"location\":{\"lon\":" + LiveFixture.LON + ",\"lat\":" + LiveFixture.LAT + "}",
                AT);
    }

    static String report(String sourceId, String category, String locationField, Instant at) {
        return "{\"source\":\"hotline\",\"sourceId\":\"" + sourceId + "\",\"category\":\"" + category + "\","
                + locationField + ",\"reportedAt\":\"" + at + "\",\"description\":\"垃圾堆积 near gate\"}";
    }
}
