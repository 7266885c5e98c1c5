package org.gridlens.server.layers;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.Map;
import java.util.TreeMap;
import org.gridlens.geodata.testing.FreshDatabase;
import org.gridlens.geodata.testing.RegionFixture;
import org.gridlens.server.testing.TestServer;
import org.gridlens.tiles.TileCoord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The cached-tile fast path answers exactly as the route does — same status, body and headers — and
 * only for anonymous requests of cached public tiles; everything else still reaches the route.
 */
class CachedTileFastPathTest {

    static final FreshDatabase db = FreshDatabase.named("fastpath").seededWith(RegionFixture::insert);
    @RegisterExtension
    static final TestServer server = TestServer.over(db, "--limits.client-rps=100000");
    static TileCoord t;

    @BeforeAll
    static void start() throws Exception {
        t = TileCoord.containing(14, (RegionFixture.WEST + RegionFixture.EAST) / 2, (RegionFixture.SOUTH + RegionFixture.NORTH) / 2);
    }

    @Test
    void a_cached_public_tile_is_answered_with_the_routes_bytes_and_headers() throws Exception {
        String path = "/tiles/grid,community/14/" + t.x() + "/" + t.y() + ".mvt";
        HttpResponse<byte[]> miss = server.anonymous().getBytes(path);
        assertThat(miss.headers().firstValue("X-GridLens-Cache")).hasValue("miss");
        // Signed in: always the route (a cache hit there too).
        HttpResponse<byte[]> route = server.getBytes(path);
        HttpResponse<byte[]> fast = server.anonymous().getBytes(path);
        assertThat(route.statusCode()).isEqualTo(200);
        assertThat(fast.statusCode()).isEqualTo(200);
        assertThat(fast.body()).isEqualTo(route.body()).isEqualTo(miss.body());
        assertThat(headers(fast)).isEqualTo(headers(route));
        assertThat(fast.headers().firstValue("X-GridLens-Cache")).hasValue("hit");
        assertThat(fast.headers().firstValue("Content-Security-Policy")).isPresent();
        assertThat(metric("status=\"200\"")).as("fast-path answers are timed with the route: " + metricLines())
                .isGreaterThanOrEqualTo(3);

        String etag = fast.headers().firstValue("ETag").orElseThrow();
        HttpResponse<byte[]> revalidated = server.anonymous().send(server.anonymous().request(path)
                .header("If-None-Match", etag).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(revalidated.statusCode()).isEqualTo(304);
        assertThat(revalidated.body()).isEmpty();
        HttpResponse<byte[]> gz = server.anonymous().send(server.anonymous().request(path)
                .header("Accept-Encoding", "gzip").GET().build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(gz.headers().firstValue("Content-Encoding")).hasValue("gzip");
        assertThat(new java.util.zip.GZIPInputStream(new java.io.ByteArrayInputStream(gz.body())).readAllBytes())
                .isEqualTo(route.body());
    }

    @Test
    void everything_else_reaches_the_route() throws Exception {
        String grid = "/tiles/grid/14/" + t.x() + "/" + t.y() + ".mvt";
        server.anonymous().getBytes(grid); // cached now
        // A filter parameter, an unknown parameter, a reader layer, bad coordinates: the route's answers.
        assertThat(server.anonymous().get(grid + "?nosuch=1").statusCode()).isEqualTo(400);
        assertThat(server.anonymous().get("/tiles/incident/14/" + t.x() + "/" + t.y() + ".mvt").statusCode()).isEqualTo(401);
        assertThat(server.anonymous().get("/tiles/grid/99/0/0.mvt").statusCode()).isEqualTo(400);
        assertThat(server.anonymous().get("/tiles/grid,grid/14/" + t.x() + "/" + t.y() + ".mvt").statusCode()).isEqualTo(400);
        assertThat(server.anonymous().get("/tiles/grid/14/" + t.x() + "/" + t.y() + ".png").statusCode()).isEqualTo(404);
        assertThat(server.anonymous().get("/tiles/grid/14/" + t.x() + ".mvt").statusCode()).isIn(400, 404);
        HttpResponse<String> post = server.anonymous().send(server.anonymous().request(grid).POST(
                java.net.http.HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(post.statusCode()).isIn(404, 405);
    }

    private static Map<String, String> headers(HttpResponse<?> r) {
        Map<String, String> out = new TreeMap<>();
        r.headers().map().forEach((k, v) -> {
            String key = k.toLowerCase(java.util.Locale.ROOT);
            if (!key.equals("date") && !key.equals("content-length") && !key.equals(":status")) {
                out.put(key, String.join(",", v));
            }
        });
        return out;
    }

    private static String metricLines() {
        return java.util.Arrays.stream(server.get("/metrics").body().split("\n"))
                .filter(l -> l.startsWith("http_server_requests_seconds_count")).toList().toString();
    }

    private static double metric(String status) {
        double n = 0;
        for (String line : server.get("/metrics").body().split("\n")) {
            if (line.startsWith("http_server_requests_seconds_count") && line.contains("/tiles/{layers}/{z}/{x}/{y}")
                    && line.contains(status)) {
                n += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        return n;
    }
}
