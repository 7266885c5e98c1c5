package org.gridlens.server.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import org.gridlens.server.testing.TestServer;

/** Reads analytics answers over HTTP the way every analytics test expects them. */
final class AnalyticsAnswers {

    private static final ObjectMapper JSON = new ObjectMapper();

    private AnalyticsAnswers() {
    }

    /**
     * The JSON body of {@code GET path}, asserting first that the answer is a 200 of {@code contentType}
     * and that no number in it is NaN or infinite (which JSON cannot carry).
     */
    static JsonNode ok(TestServer server, String path, String contentType) throws Exception {
        HttpResponse<String> r = server.get(path);
        assertThat(r.statusCode()).as(path + " → " + r.body()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type").orElse("")).startsWith(contentType);
        assertThat(r.body()).doesNotContain("NaN").doesNotContain("Infinity");
        return JSON.readTree(r.body());
    }
}
