package org.gridlens.server.hostile;

import static org.assertj.core.api.Assertions.assertThat;

import io.javalin.event.HandlerMetaInfo;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.gridlens.geodata.testing.FreshDatabase;
import org.gridlens.geodata.testing.RegionFixture;
import org.gridlens.server.testing.RawHttp;
import org.gridlens.server.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Hostile input over every route of the app (read from its route table, so new routes are covered by
 * construction): each path parameter and each commonly used query parameter gets every payload of
 * {@link HostileCorpus}, as an admin (who reaches every route). Expected: no 5xx, no stack trace or SQL
 * text in any response, no data changed, markup never echoed as HTML, the heap back near its baseline.
 */
@Tag("slow")
class HostileInputTest {

    /** Query parameter names used by the routes; each is attacked on every GET route. */
    static final List<String> QUERY_NAMES = List.of("days", "from", "to", "categories", "category", "sources", "source",
            "status", "bbox", "limit", "offset", "level", "region", "type", "reach", "group", "k", "band", "cell",
            "window", "datetime", "lang", "token", "format", "layer", "size", "q", "id", "subdistrict", "grid");
    static final Pattern LEAK = Pattern.compile(
            "(?i)(\\bat org\\.|\\bat java\\.|Exception:|PSQLException|syntax error|SELECT .* FROM|stack ?trace|\\.java:\\d+)");

    static final FreshDatabase db = FreshDatabase.named("hostile").seededWith(RegionFixture::insert);
    // No background refresh of the analytic layers: it writes their tables on its own schedule, and this
    // test counts every row to show that requests changed none.
    @RegisterExtension
    static final TestServer server = TestServer.over(db, "--analytics.layers.refresh-seconds=0", "--limits.client-rps=1000000",
            "--limits.api-concurrent=10000", "--limits.analytics-concurrent=1000", "--limits.export-concurrent=1000",
            "--limits.intake-concurrent=1000");
    static final List<String> failures = new ArrayList<>();
    static final AtomicInteger requests = new AtomicInteger();

    @AfterAll
    static void summary() {
        System.out.printf("hostile input: %d requests, %d findings%n", requests.get(), failures.size());
    }

    static Map<String, Long> rowCounts() throws Exception {
        Map<String, Long> counts = new TreeMap<>();
        try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement()) {
            List<String> tables = new ArrayList<>();
            try (ResultSet rs = s.executeQuery("SELECT tablename FROM pg_tables WHERE schemaname = 'public' "
                    + "AND tablename NOT IN ('audit_log','web_session','api_token','flyway_schema_history','spatial_ref_sys')")) {
                while (rs.next()) {
                    tables.add(rs.getString(1));
                }
            }
            for (String t : tables) {
                try (ResultSet rs = s.executeQuery("SELECT count(*) FROM \"" + t + "\"")) {
                    rs.next();
                    counts.put(t, rs.getLong(1));
                }
            }
        }
        return counts;
    }

    static void check(String what, HttpResponse<String> r, String payload) {
        requests.incrementAndGet();
        if (r.statusCode() >= 500 && r.statusCode() != 503) {
            failures.add(what + " -> " + r.statusCode());
        }
        Matcher m = LEAK.matcher(r.body());
        if (m.find()) {
            failures.add(what + " leaked '" + m.group() + "'");
        }
        String ct = r.headers().firstValue("Content-Type").orElse("");
        if (payload.contains("<") && r.body().contains(payload) && ct.startsWith("text/html")) {
            failures.add(what + " echoed markup as HTML");
        }
    }

    @Test
    void every_parameter_of_every_route_survives_the_injection_corpus() throws Exception {
        Map<String, Long> before = rowCounts();
        long heapBefore = usedHeapAfterGc();
        List<String> payloads = HostileCorpus.payloads();
        assertThat(payloads.size()).isGreaterThanOrEqualTo(200);
        List<HandlerMetaInfo> routes = server.routes().stream().filter(h -> h.getHttpMethod().isHttpMethod()).toList();
        for (HandlerMetaInfo h : routes) {
            String method = h.getHttpMethod().name();
            if (h.getPath().startsWith("/api/events") || h.getPath().equals("/api/logout")) {
                continue; // the event stream never ends; logout has no parameters
            }
            List<String> params = new ArrayList<>();
            Matcher pm = Pattern.compile("\\{([^}]+)}").matcher(h.getPath());
            while (pm.find()) {
                params.add(pm.group(1));
            }
            for (String payload : payloads) {
                String enc = java.net.URLEncoder.encode(payload, java.nio.charset.StandardCharsets.UTF_8).replace("+", "%20");
                for (String p : params) {
                    String path = h.getPath().replace("{" + p + "}", enc).replaceAll("\\{[^}]+}", "1");
                    check(method + " " + h.getPath() + " {" + p + "}=" + abbreviate(payload), call(method, path, payload), payload);
                }
                if (method.equals("GET")) {
                    String base = h.getPath().replaceAll("\\{[^}]+}", "1");
                    StringBuilder q = new StringBuilder();
                    for (String name : QUERY_NAMES) {
                        q.append(q.length() == 0 ? "?" : "&").append(name).append('=').append(enc);
                    }
                    check("GET " + h.getPath() + " query=" + abbreviate(payload), call("GET", base + q, payload), payload);
                } else {
                    String path = h.getPath().replaceAll("\\{[^}]+}", "1");
                    check(method + " " + h.getPath() + " body=" + abbreviate(payload), call(method, path, payload), payload);
                }
            }
        }
        assertThat(failures).isEmpty();
        assertThat(rowCounts()).as("rows changed by rejected requests").isEqualTo(before);
        long heapAfter = usedHeapAfterGc();
        System.out.printf("heap used after GC: before %d MB, after %d MB%n", heapBefore >> 20, heapAfter >> 20);
        assertThat(heapAfter - heapBefore).as("heap growth after the suite").isLessThan(128L << 20);
    }

    @Test
    void static_and_tile_paths_cannot_be_escaped() throws Exception {
        List<String> paths = HostileCorpus.traversals();
        assertThat(paths.size()).isGreaterThanOrEqualTo(50);
        int port = Integer.parseInt(server.base().substring(server.base().lastIndexOf(':') + 1));
        for (String p : paths) {
            RawHttp.Response r = RawHttp.get(port, p);
            requests.incrementAndGet();
            assertThat(r.status()).as(p).isIn(400, 404);
            assertThat(r.body()).as(p).doesNotContain("root:").doesNotContain("CREATE TABLE").doesNotContain("<configuration>")
                    .doesNotContain("Manifest-Version");
        }
    }

    @Test
    void oversized_and_chunked_bodies_are_refused_and_the_server_stays_up() {
        byte[] big = new byte[24 * 1024 * 1024];
        java.util.Arrays.fill(big, (byte) '[');
        // Refused means a 400/413 answer, or the server closing the connection instead of reading 24 MB.
        assertThat(statusOrClosed(server.request("/api/login").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(big)).build())).isIn(400, 413, -1);
        assertThat(statusOrClosed(server.request("/api/login").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(big))).build())).isIn(400, 413, -1);
        String deep = "[".repeat(100_000) + "]".repeat(100_000);
        HttpResponse<String> nested = server.postJson("/api/login", deep);
        assertThat(nested.statusCode()).isEqualTo(400);
        assertThat(server.get("/health").statusCode()).isEqualTo(200);
    }

    private static int statusOrClosed(HttpRequest req) {
        try {
            return server.send(req, HttpResponse.BodyHandlers.ofString()).statusCode();
        } catch (IllegalStateException closed) {
            return -1;
        }
    }

    private static HttpResponse<String> call(String method, String path, String payload) {
        HttpRequest.Builder b;
        try {
            b = server.request(path);
        } catch (IllegalArgumentException badUri) {
            return fake(400);
        }
        HttpRequest req = switch (method) {
            case "GET" -> b.GET().build();
            case "DELETE" -> b.DELETE().build();
            default -> b.header("Content-Type", "application/json").method(method,
                    HttpRequest.BodyPublishers.ofString("{\"value\":" + jsonString(payload) + ",\"name\":" + jsonString(payload) + "}")).build();
        };
        try {
            return server.send(req, HttpResponse.BodyHandlers.ofString());
        } catch (IllegalStateException e) {
            // A kept-alive connection the server had closed after an earlier refusal (its right): the
            // client learns it only by reading no bytes. Sent once more on a new connection; a second
            // failure is a finding.
            if (!(e.getCause() instanceof java.io.IOException)) {
                throw e;
            }
            return server.send(req, HttpResponse.BodyHandlers.ofString());
        }
    }

    private static String jsonString(String s) {
        try {
            return new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(s);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static HttpResponse<String> fake(int status) {
        return new HttpResponse<>() {
            public int statusCode() { return status; }
            public HttpRequest request() { return null; }
            public java.util.Optional<HttpResponse<String>> previousResponse() { return java.util.Optional.empty(); }
            public java.net.http.HttpHeaders headers() { return java.net.http.HttpHeaders.of(Map.of(), (a, b) -> true); }
            public String body() { return ""; }
            public java.util.Optional<javax.net.ssl.SSLSession> sslSession() { return java.util.Optional.empty(); }
            public URI uri() { return null; }
            public java.net.http.HttpClient.Version version() { return java.net.http.HttpClient.Version.HTTP_1_1; }
        };
    }

    private static String abbreviate(String s) {
        return s.length() > 40 ? s.substring(0, 40) + "…" : s;
    }

    static long usedHeapAfterGc() throws InterruptedException {
        Runtime rt = Runtime.getRuntime();
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(100);
        }
        return rt.totalMemory() - rt.freeMemory();
    }
}
