package org.gridlens.server.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.gridlens.geodata.testing.FreshDatabase;
import org.gridlens.geodata.testing.RegionFixture;
import org.gridlens.server.config.ConfigException;
import org.gridlens.server.config.ConfigLoader;
import org.gridlens.server.testing.TestServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Cross-origin access only where configured: none by default, the listed origins otherwise. */
class CorsTest {

    static final String GIS = "https://gis.example.org";
    @RegisterExtension
    static final FreshDatabase db = FreshDatabase.named("cors").seededWith(RegionFixture::insert);

    @Test
    void by_default_no_origin_is_admitted() {
        try (TestServer server = new TestServer(db.database())) {
            HttpResponse<String> r = server.send(server.request("/api/layers").header("Origin", GIS).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(r.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
        }
    }

    @Test
    void a_configured_origin_may_preflight_and_read_tiles_but_another_may_not() {
        try (TestServer server = new TestServer(db.database(), List.of("--http.cors-origins=" + GIS + ",http://localhost:8081"))) {
            HttpResponse<String> preflight = server.send(server.anonymous().request("/tiles/grid/14/13016/6353.mvt")
                    .header("Origin", GIS).header("Access-Control-Request-Method", "GET")
                    .header("Access-Control-Request-Headers", "authorization")
                    .method("OPTIONS", HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(preflight.statusCode()).isBetween(200, 204);
            assertThat(preflight.headers().firstValue("Access-Control-Allow-Origin")).hasValue(GIS);

            HttpResponse<String> tile = server.send(server.anonymous().request("/tiles/grid/14/13016/6353.mvt")
                    .header("Origin", GIS).GET().build(), HttpResponse.BodyHandlers.ofString());
            assertThat(tile.statusCode()).isEqualTo(200);
            assertThat(tile.headers().firstValue("Access-Control-Allow-Origin")).hasValue(GIS);
            assertThat(tile.headers().firstValue("Access-Control-Expose-Headers").orElse("")).containsIgnoringCase("ETag");

            HttpResponse<String> other = server.send(server.anonymous().request("/tiles/grid/14/13016/6353.mvt")
                    .header("Origin", "https://evil.example.com").GET().build(), HttpResponse.BodyHandlers.ofString());
            assertThat(other.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
        }
    }

    @Test
    void malformed_origins_are_refused_at_start_up() {
        assertThatThrownBy(() -> ConfigLoader.load(List.of("--http.cors-origins=gis.example.org"), Map.of()))
                .isInstanceOf(ConfigException.class).hasMessageContaining("http.cors-origins");
        assertThatThrownBy(() -> ConfigLoader.load(List.of("--http.cors-origins=*,https://a.org"), Map.of()))
                .isInstanceOf(ConfigException.class);
    }
}
