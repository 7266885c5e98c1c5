package org.gridlens.server.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.gridlens.server.live.LiveClient.json;
import static org.gridlens.server.live.LiveClient.post;
import static org.gridlens.server.live.LiveClient.report;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.gridlens.geodata.crs.Gcj02;
import org.gridlens.geodata.testing.FreshDatabase;
import org.gridlens.server.testing.TestServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Intake over HTTP: idempotency, location forms, grid/cell at once, and every kind of bad input. */
class IntakeApiTest {

    static final FreshDatabase db = FreshDatabase.named("intake_api").seededWith(LiveFixture::insert);
    @RegisterExtension
    static final TestServer server = TestServer.over(db);

    static long count(String where) throws Exception {
        try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT count(*) FROM incident WHERE " + where)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    @Test
    void an_accepted_report_gets_its_grid_and_cell_at_once_and_a_resend_returns_the_original() throws Exception {
        HttpResponse<String> first = post(server, "/api/incidents", report("H-1", "0101"));
        assertThat(first.statusCode()).as(first.body()).isEqualTo(201);
        JsonNode r = json(first);
        assertThat(r.path("outcome").asText()).isEqualTo("accepted");
        assertThat(r.path("grid").asText()).isEqualTo("630102001001003");
        assertThat(r.path("cell").isInt()).isTrue();

        HttpResponse<String> again = post(server, "/api/incidents", report("H-1", "0101"));
        assertThat(again.statusCode()).isEqualTo(200);
        assertThat(json(again).path("outcome").asText()).isEqualTo("duplicate");
        assertThat(json(again).path("id").asLong()).isEqualTo(r.path("id").asLong());
        assertThat(json(again).path("grid").asText()).isEqualTo("630102001001003");

        HttpResponse<String> changed = post(server, "/api/incidents", report("H-1", "0102"));
        assertThat(changed.statusCode()).isEqualTo(409);
        assertThat(json(changed).path("message").asText()).contains("different report");
        assertThat(count("source_id = 'H-1'")).isEqualTo(1);
        assertThat(count("source_id = 'H-1' AND category_code = '0101'")).isEqualTo(1);
    }

    @Test
    void gcj02_cgcs2000_address_and_housing_unit_locations_are_resolved() throws Exception {
        double[] gcj = Gcj02.fromWgs84(LiveFixture.LON, LiveFixture.LAT);
        JsonNode g = json(post(server, "/api/incidents", report("L-GCJ", "0101",
                "\"location\":{\"lon\":" + gcj[0] + ",\"lat\":" + gcj[1] + ",\"crs\":\"GCJ02\"}", Instant.now())));
        assertThat(g.path("outcome").asText()).as(g.toString()).isEqualTo("accepted");
        JsonNode stored = json(server.get("/api/incidents/" + g.path("id").asLong()));
        assertThat(stored.path("lon").asDouble()).isCloseTo(LiveFixture.LON, org.assertj.core.data.Offset.offset(1e-5));
        assertThat(stored.path("lat").asDouble()).isCloseTo(LiveFixture.LAT, org.assertj.core.data.Offset.offset(1e-5));

        JsonNode c = json(post(server, "/api/incidents", report("L-CGCS", "0101",
                "\"location\":{\"lon\":101.815,\"lat\":36.615,\"crs\":\"EPSG:4490\"}", Instant.now())));
        assertThat(c.path("grid").asText()).isEqualTo("630102001001002");
        JsonNode a = json(post(server, "/api/incidents", report("L-ADDR", "0101",
                "\"location\":{\"addressCode\":\"A-0001\"}", Instant.now())));
        assertThat(a.path("outcome").asText()).as(a.toString()).isEqualTo("accepted");
        assertThat(a.path("grid").asText()).isEqualTo("630102001001003");
        JsonNode h = json(post(server, "/api/incidents", report("L-HU", "0101",
                "\"location\":{\"housingUnitCode\":\"HU-FAMILY\"}", Instant.now())));
        assertThat(h.path("outcome").asText()).as(h.toString()).isEqualTo("accepted");
        assertThat(h.path("grid").asText()).isEqualTo("630102001001003");
    }

    @Test
    void bad_reports_get_400_with_the_reason_and_write_nothing() throws Exception {
        Instant now = Instant.now();
        String here = "\"location\":{\"lon\":" + LiveFixture.LON + ",\"lat\":" + LiveFixture.LAT + "}";
        assertReject(report("B-1", "9999"), "unknown category '9999'");
        assertReject(report("B-2", "01"), "major class");
        assertReject(report("B-3", "0101").replace("\"hotline\"", "\"fax\""), "unknown source 'fax'");
        assertReject(report("B-4", "0101", "\"location\":{\"lon\":116.4,\"lat\":39.9}", now), "outside the district");
        assertReject(report("B-5", "0101", "\"location\":{\"lon\":" + LiveFixture.LAT + ",\"lat\":" + LiveFixture.LON + "}", now),
                "swapped");
        assertReject(report("B-6", "0101", here, now.plus(Duration.ofMinutes(10))), "in the future");
        assertReject(report("B-7", "0101", here, Instant.parse("1999-06-01T00:00:00Z")), "before");
        assertReject(report("B-8", "0101", "\"location\":{\"addressCode\":\"NOPE\"}", now), "unknown address code");
        assertReject(report("B-9", "0101").replace("\"description\"", "\"photoUrl\":\"javascript:alert(1)\",\"description\""),
                "photoUrl");
        assertReject(report("B-10", "0101").replace("垃圾堆积 near gate", "x".repeat(4001)), "longer than 4000");
        assertReject(report("B-11", "0101").replace("\"description\"", "\"colour\":\"red\",\"description\""), "unknown field 'colour'");
        assertReject(report("B-12", "S0101"), "household");
        assertReject(report("B-13", "0101", "\"location\":{\"lon\":\"east\",\"lat\":36.6}", now), "must be a number");
        assertThat(count("source_id LIKE 'B-%'")).isZero();

        HttpResponse<String> malformed = post(server, "/api/incidents", "{\"source\": \"hotline\", ");
        assertThat(malformed.statusCode()).isEqualTo(400);
        assertThat(malformed.body()).contains("malformed JSON").doesNotContain("Exception").doesNotContain("at com.");
        HttpResponse<String> notObject = post(server, "/api/incidents", "[1,2]");
        assertThat(notObject.statusCode()).isEqualTo(400);
    }

    private static void assertReject(String body, String reason) {
        HttpResponse<String> r = post(server, "/api/incidents", body);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(400);
        assertThat(json(r).path("message").asText()).as(r.body()).contains(reason);
    }

    @Test
    void a_ten_megabyte_description_is_refused_with_413_without_being_read() throws Exception {
        String huge = report("BIG-1", "0101").replace("垃圾堆积 near gate", "x".repeat(10 * 1024 * 1024));
        long t0 = System.nanoTime();
        int status;
        try {
            status = post(server, "/api/incidents", huge).statusCode();
        } catch (IllegalStateException e) {
            // The server may close the connection after answering, before the client finished sending.
            status = 413;
        }
        assertThat(status).isEqualTo(413);
        assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(10));
        assertThat(count("source_id = 'BIG-1'")).isZero();
        // Chunked (no Content-Length): the server reads only up to the limit, then answers 413 and may
        // close while the client is still sending. So the client sends from its own thread (a broken
        // pipe there is the server's right) and this thread reads the answer as it arrives.
        try (java.net.Socket socket = new java.net.Socket("127.0.0.1", java.net.URI.create(server.base()).getPort())) {
            socket.setSoTimeout(10_000);
            java.io.OutputStream out = socket.getOutputStream();
            Thread sender = new Thread(() -> {
                try {
                    out.write(("POST /api/incidents HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                            + "Authorization: Bearer " + server.adminToken() + "\r\n"
                            + "Transfer-Encoding: chunked\r\n\r\n").getBytes());
                    byte[] chunk = "x".repeat(16384).getBytes();
                    for (int i = 0; i < 8; i++) {
                        out.write((Integer.toHexString(chunk.length) + "\r\n").getBytes());
                        out.write(chunk);
                        out.write("\r\n".getBytes());
                    }
                    out.flush();
                } catch (java.io.IOException closedByServer) {
                    // expected when the server has answered and closed first
                }
            }, "oversize-sender");
            sender.start();
            String statusLine = new java.io.BufferedReader(new java.io.InputStreamReader(socket.getInputStream())).readLine();
            sender.join(10_000);
            assertThat(statusLine).contains("413");
        }
    }

    @Test
    void a_batch_reports_per_item_and_rejected_items_do_not_affect_the_accepted_ones() throws Exception {
        post(server, "/api/incidents", report("M-DUP", "0101"));
        post(server, "/api/incidents", report("M-CONFLICT", "0101"));
        List<String> items = new ArrayList<>();
        items.add(report("M-1", "0101"));
        items.add(report("M-2", "9999"));
        items.add(report("M-DUP", "0101"));
        items.add(report("M-CONFLICT", "0301"));
        items.add("{\"nonsense\":true}");
        items.add(report("M-3", "C0101"));
        items.add(report("M-3", "C0101"));
        HttpResponse<String> r = post(server, "/api/incidents/batch", "{\"items\":[" + String.join(",", items) + "]}");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        JsonNode b = json(r);
        assertThat(b.path("accepted").asInt()).isEqualTo(2);
        assertThat(b.path("duplicate").asInt()).isEqualTo(2);
        assertThat(b.path("conflict").asInt()).isEqualTo(1);
        assertThat(b.path("rejected").asInt()).isEqualTo(2);
        JsonNode res = b.path("results");
        assertThat(res.get(0).path("outcome").asText()).isEqualTo("accepted");
        assertThat(res.get(0).path("grid").asText()).isEqualTo("630102001001003");
        assertThat(res.get(1).path("reasons").toString()).contains("unknown category");
        assertThat(res.get(2).path("outcome").asText()).isEqualTo("duplicate");
        assertThat(res.get(3).path("outcome").asText()).isEqualTo("conflict");
        assertThat(res.get(4).path("reasons").toString()).contains("unknown field 'nonsense'");
        assertThat(res.get(5).path("outcome").asText()).isEqualTo("accepted");
        assertThat(res.get(5).path("kind").asText()).isEqualTo("component");
        assertThat(res.get(6).path("outcome").asText()).isEqualTo("duplicate");
        assertThat(res.get(6).path("id").asLong()).isEqualTo(res.get(5).path("id").asLong());
        assertThat(count("source_id IN ('M-1', 'M-3')")).isEqualTo(2);
        assertThat(count("source_id = 'M-2'")).isZero();
        assertThat(count("source_id = 'M-CONFLICT' AND category_code = '0101'")).isEqualTo(1);
    }

    @Test
    void concurrent_single_reports_sharing_a_group_commit_each_get_their_own_answer() throws Exception {
        long versionBefore = analyticsVersion();
        post(server, "/api/incidents", report("G-CONFLICT", "0101"));
        List<String> bodies = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            bodies.add(report("G-" + i, "0101"));
        }
        bodies.add(report("G-TWICE", "0101"));
        bodies.add(report("G-TWICE", "0101"));
        bodies.add(report("G-CONFLICT", "0301"));
        bodies.add(report("G-BAD", "9999"));
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(32);
        List<java.util.concurrent.Future<HttpResponse<String>>> sent = new ArrayList<>();
        for (String b : bodies) {
            sent.add(pool.submit(() -> post(server, "/api/incidents", b)));
        }
        List<Integer> statuses = new ArrayList<>();
        for (java.util.concurrent.Future<HttpResponse<String>> f : sent) {
            statuses.add(f.get().statusCode());
        }
        pool.shutdown();
        assertThat(statuses.subList(0, 60)).containsOnly(201);
        assertThat(statuses.subList(60, 62)).containsExactlyInAnyOrder(201, 200);
        assertThat(statuses.get(62)).isEqualTo(409);
        assertThat(statuses.get(63)).isEqualTo(400);
        assertThat(json(sent.get(63).get()).path("message").asText()).contains("unknown category");
        assertThat(json(sent.get(60).get()).path("id").asLong()).isEqualTo(json(sent.get(61).get()).path("id").asLong());
        assertThat(count("source_id LIKE 'G-%'")).isEqualTo(62);
        assertThat(count("source_id = 'G-BAD'")).isZero();
        assertThat(count("source_id = 'G-CONFLICT' AND category_code = '0101'")).isEqualTo(1);
        assertThat(analyticsVersion()).as("the striped analytics version moves with every commit").isGreaterThan(versionBefore);
    }

    static long analyticsVersion() throws Exception {
        try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT version FROM analytics_data_version")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    @Test
    void a_batch_of_ten_thousand_and_one_is_refused_whole() throws Exception {
        StringBuilder sb = new StringBuilder("{\"items\":[");
        for (int i = 0; i < 10_001; i++) {
            sb.append(i == 0 ? "" : ",").append(report("X-" + i, "0101"));
        }
        HttpResponse<String> r = post(server, "/api/incidents/batch", sb.append("]}").toString());
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(json(r).path("message").asText()).contains("1 to 10000");
        assertThat(count("source_id LIKE 'X-%'")).isZero();
        assertThat(post(server, "/api/incidents/batch", "{\"items\":[]}").statusCode()).isEqualTo(400);
        assertThat(post(server, "/api/incidents/batch", "{\"items\":[").statusCode()).isEqualTo(400);
    }

    @Test
    void a_batch_of_ten_thousand_is_stored_with_grid_and_cell_and_the_daily_counts_agree() throws Exception {
        StringBuilder sb = new StringBuilder("{\"items\":[");
        for (int i = 0; i < 10_000; i++) {
            double lon = 101.8005 + (i % 100) * 0.00019;
            double lat = 36.6005 + (i / 100) * 0.00019;
            sb.append(i == 0 ? "" : ",").append(report("T-" + i, i % 2 == 0 ? "0101" : "0301",
                    "\"location\":{\"lon\":" + lon + ",\"lat\":" + lat + "}", Instant.now().minusSeconds(i)));
        }
        long t0 = System.nanoTime();
        HttpResponse<String> r = post(server, "/api/incidents/batch", sb.append("]}").toString());
        long ms = (System.nanoTime() - t0) / 1_000_000;
        assertThat(r.statusCode()).as(r.body().substring(0, Math.min(500, r.body().length()))).isEqualTo(200);
        assertThat(json(r).path("accepted").asInt()).isEqualTo(10_000);
        System.out.println("batch of 10000 stored in " + ms + " ms");
        assertThat(count("source_id LIKE 'T-%' AND grid_code IS NOT NULL AND cell_id IS NOT NULL")).isEqualTo(10_000);
        // Grid and cell were found in memory (CellLocator): they agree with the database's own rule.
        assertThat(count("source_id LIKE 'T-%' AND id % 40 = 0")).isGreaterThan(200);
        assertThat(count("source_id LIKE 'T-%' AND id % 40 = 0"
                + " AND (grid_code IS DISTINCT FROM gl_grid_of(geom) OR cell_id IS DISTINCT FROM gl_cell_of(geom))")).isZero();
        try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("""
                     SELECT count(*) FROM (
                       SELECT coalesce(cell_id, 0) AS cell_id, gl_local_day(reported_at) AS day, category_code, count(*) AS n
                       FROM incident GROUP BY 1, 2, 3) r
                     FULL JOIN incident_daily d USING (cell_id, day, category_code)
                     WHERE r.n IS DISTINCT FROM d.n""")) {
            rs.next();
            assertThat(rs.getLong(1)).isZero();
        }
    }

    /** Report {@code i} of a varied set: every location kind, service orders, awkward text. */
    private static String varied(String prefix, int i) {
        String at = "\"reportedAt\":\"" + LiveClient.AT + "\"";
        String text = "\"description\":\"tab\\there, newline\\nthere, back\\\\slash, \\\"quoted\\\", 井盖缺失 #" + i + "\"";
        return switch (i % 5) {
            case 0 -> "{\"source\":\"hotline\",\"sourceId\":\"" + prefix + i + "\",\"category\":\"0101\","
                    + "\"location\":{\"lon\":" + (101.8005 + (i % 50) * 0.0003) + ",\"lat\":36.6051},"
                    + at + "," + text + ",\"photoUrl\":\"https://cam.example/p/" + i + ".jpg\"}";
            case 1 -> "{\"source\":\"camera\",\"sourceId\":\"" + prefix + i + "\",\"category\":\"0301\","
                    + "\"location\":{\"addressCode\":\"A-0001\"}," + at + "}";
            case 2 -> "{\"source\":\"resident_app\",\"sourceId\":\"" + prefix + i + "\",\"category\":\"S0101\","
                    + "\"location\":{\"housingUnitCode\":\"HU-ALONE\"},\"household\":\"HU-ALONE\",\"urgency\":\"urgent\","
                    + at + "," + text + "}";
            case 3 -> "{\"source\":\"resident_app\",\"sourceId\":\"" + prefix + i + "\",\"category\":\"S0102\","
                    + "\"location\":{\"lon\":101.815,\"lat\":36.615,\"crs\":\"CGCS2000\"},\"household\":\"HU-FAMILY\","
                    + at + "}";
            default -> "{\"source\":\"grid_worker\",\"sourceId\":\"" + prefix + i + "\",\"category\":\"C0101\","
                    + "\"location\":{\"lon\":101.8051,\"lat\":36.6049},\"reportedAt\":\"" + LiveClient.AT.minusSeconds(i) + "\"}";
        };
    }

    @Test
    void a_large_batch_goes_through_the_staging_copy_and_stores_exactly_what_a_small_batch_stores() throws Exception {
        int small = 150; // below the staging threshold: bound arrays
        int large = 400; // above it: COPY into the staging table
        List<String> a = new ArrayList<>();
        for (int i = 0; i < small; i++) {
            a.add(varied("SM-", i));
        }
        assertThat(json(post(server, "/api/incidents/batch", "{\"items\":[" + String.join(",", a) + "]}")).path("accepted").asInt())
                .isEqualTo(small);
        post(server, "/api/incidents", varied("ST-", 7)); // stored before: a duplicate inside the staged batch
        post(server, "/api/incidents", report("ST-CONFLICT", "0101"));
        List<String> b = new ArrayList<>();
        for (int i = 0; i < large; i++) {
            b.add(varied("ST-", i));
        }
        b.add(varied("ST-", 3)); // twice in the same batch
        b.add(report("ST-CONFLICT", "0301"));
        b.add(report("ST-BAD", "9999"));
        HttpResponse<String> r = post(server, "/api/incidents/batch", "{\"items\":[" + String.join(",", b) + "]}");
        assertThat(r.statusCode()).as(r.body().substring(0, Math.min(400, r.body().length()))).isEqualTo(200);
        JsonNode body = json(r);
        assertThat(body.path("accepted").asInt()).isEqualTo(large - 1);
        assertThat(body.path("duplicate").asInt()).isEqualTo(2);
        assertThat(body.path("conflict").asInt()).isEqualTo(1);
        assertThat(body.path("rejected").asInt()).isEqualTo(1);
        JsonNode res = body.path("results");
        assertThat(res.get(7).path("outcome").asText()).isEqualTo("duplicate");
        assertThat(res.get(large).path("outcome").asText()).isEqualTo("duplicate");
        assertThat(res.get(large).path("id").asLong()).isEqualTo(res.get(3).path("id").asLong());
        assertThat(res.get(large + 2).path("reasons").toString()).contains("unknown category");
        assertThat(count("source_id LIKE 'ST-%'")).isEqualTo(large + 1);
        // The payload hash stored through the staging table recognises a resend (and a changed one).
        assertThat(post(server, "/api/incidents", varied("ST-", 10)).statusCode()).isEqualTo(200);
        assertThat(post(server, "/api/incidents", varied("ST-", 11).replace("0301", "0101")).statusCode()).isEqualTo(409);
        // Every stored column of the staged rows equals the array-bound rows of the same reports (the payload
        // hash differs with the source id; the resends above show the staged rows hash alike).
        try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("""
                     SELECT count(*) AS pairs,
                            count(*) FILTER (WHERE (a.source, a.kind, a.category_code, a.description, a.address_id, a.reported_at,
                                                    a.status, ST_AsEWKB(a.geom), a.location_crs, a.photo_url, a.housing_unit_id,
                                                    a.urgency, a.vulnerable, a.priority, a.grid_code, a.cell_id,
                                                    a.deadline - a.accepted_at)
                                       IS DISTINCT FROM (b.source, b.kind, b.category_code, b.description, b.address_id,
                                                    b.reported_at, b.status, ST_AsEWKB(b.geom), b.location_crs, b.photo_url,
                                                    b.housing_unit_id, b.urgency, b.vulnerable, b.priority,
                                                    b.grid_code, b.cell_id, b.deadline - b.accepted_at)) AS different,
                            count(*) FILTER (WHERE starts_with(b.description, E'tab\\there, newline\\nthere, back\\\\slash, "quoted", 井盖'))
                                AS exact_text,
                            count(*) FILTER (WHERE b.vulnerable AND b.urgency = 'urgent') AS vulnerable_orders,
                            (SELECT count(*) FROM case_event e JOIN incident i ON i.id = e.incident_id
                             WHERE i.source_id LIKE 'ST-%' AND e.stage = 'report') AS report_events
                     FROM incident a JOIN incident b ON b.source_id = 'ST-' || substr(a.source_id, 4)
                     WHERE a.source_id LIKE 'SM-%' AND b.source_id <> 'ST-7'""")) {
            rs.next();
            assertThat(rs.getLong("pairs")).isEqualTo(small - 1);
            assertThat(rs.getLong("different")).isZero();
            assertThat(rs.getLong("exact_text")).isEqualTo(2 * ((small + 4) / 5) - 1);
            assertThat(rs.getLong("vulnerable_orders")).isEqualTo(small / 5 - 1);
            assertThat(rs.getLong("report_events")).isEqualTo(large + 1);
        }
    }
}
