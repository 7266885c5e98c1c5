package org.gridlens.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import org.gridlens.geodata.testing.FreshDatabase;
import org.gridlens.geodata.testing.RegionFixture;
import org.gridlens.server.testing.TestServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class RequestLimiterTest {

    static final FreshDatabase db = FreshDatabase.named("limiter").seededWith(RegionFixture::insert);
    @RegisterExtension
    static final TestServer server = TestServer.over(db, "--limits.client-rps=5");

    @Test
    void a_client_over_its_rate_gets_429_with_retry_after_while_health_keeps_answering() {
        int tooMany = 0;
        for (int i = 0; i < 30; i++) {
            HttpResponse<String> r = server.get("/api/wall/summary");
            if (r.statusCode() == 429) {
                tooMany++;
                assertThat(r.headers().firstValue("Retry-After")).isPresent();
            }
        }
        assertThat(tooMany).isGreaterThan(10);
        assertThat(server.get("/health").statusCode()).isEqualTo(200);
        assertThat(server.anonymous().get("/api/layers").statusCode()).as("another client is not affected").isEqualTo(200);
    }

    @Test
    void paths_are_classified_by_kind_of_work() {
        assertThat(RequestLimiter.classify("/health")).isEqualTo(RequestLimiter.RequestClass.EXEMPT);
        assertThat(RequestLimiter.classify("/api/events")).isEqualTo(RequestLimiter.RequestClass.EXEMPT);
        assertThat(RequestLimiter.classify("/tiles/grid/1/0/0.mvt")).isEqualTo(RequestLimiter.RequestClass.TILES);
        assertThat(RequestLimiter.classify("/api/analytics/hotspots")).isEqualTo(RequestLimiter.RequestClass.ANALYTICS);
        assertThat(RequestLimiter.classify("/api/incidents/batch")).isEqualTo(RequestLimiter.RequestClass.INTAKE);
        assertThat(RequestLimiter.classify("/api/export/incidents.csv")).isEqualTo(RequestLimiter.RequestClass.EXPORT);
    }
}
