package org.gridlens.server.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.gridlens.server.live.LiveClient.json;
import static org.gridlens.server.live.LiveClient.post;
import static org.gridlens.server.live.LiveClient.report;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.gridlens.geodata.testing.FreshDatabase;
import org.gridlens.server.testing.TestServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The case workflow, service orders, overdue alerts and the event stream, over HTTP. */
class CaseWorkflowApiTest {

    static final FreshDatabase db = FreshDatabase.named("case_workflow").seededWith(LiveFixture::insert);
    @RegisterExtension
    static final TestServer server = TestServer.over(db, "--cases.overdue-scan-ms=200", "--events.heartbeat-ms=300");
    static final HttpClient http = HttpClient.newHttpClient();

    static long create(String sourceId, String category) {
        HttpResponse<String> r = post(server, "/api/incidents", report(sourceId, category));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        return json(r).path("id").asLong();
    }

    static HttpResponse<String> move(long id, String body) {
        return post(server, "/api/incidents/" + id + "/transitions", body);
    }

    @Test
    void a_case_runs_through_every_stage_with_rework_extension_and_send_back_and_the_log_records_each() {
        long id = create("W-1", "0101");
        assertThat(move(id, "{\"stage\":\"register\",\"actor\":\"op-1\"}").statusCode()).isEqualTo(200);
        JsonNode registered = json(server.get("/api/incidents/" + id));
        Instant reg = Instant.parse(registered.path("registeredAt").asText());
        assertThat(Instant.parse(registered.path("deadline").asText())).isEqualTo(reg.plus(Duration.ofHours(24)));

        assertThat(move(id, "{\"stage\":\"dispatch\",\"actor\":\"op-1\",\"dept\":\"环卫所\"}").statusCode()).isEqualTo(200);
        assertThat(move(id, "{\"stage\":\"send_back\",\"actor\":\"环卫所\",\"note\":\"not ours\"}").statusCode()).isEqualTo(200);
        assertThat(json(server.get("/api/incidents/" + id)).path("status").asText()).isEqualTo("registered");
        assertThat(move(id, "{\"stage\":\"dispatch\",\"actor\":\"op-1\",\"dept\":\"城管中队\"}").statusCode()).isEqualTo(200);
        HttpResponse<String> ext = move(id, "{\"stage\":\"extend\",\"actor\":\"城管中队\",\"note\":\"needs a crane\",\"hours\":12}");
        assertThat(ext.statusCode()).isEqualTo(200);
        assertThat(Instant.parse(json(ext).path("deadline").asText())).isEqualTo(reg.plus(Duration.ofHours(36)));
        assertThat(move(id, "{\"stage\":\"handle\",\"actor\":\"城管中队\"}").statusCode()).isEqualTo(200);
        assertThat(move(id, "{\"stage\":\"rework\",\"actor\":\"inspector\",\"note\":\"still dirty\"}").statusCode()).isEqualTo(200);
        assertThat(move(id, "{\"stage\":\"handle\",\"actor\":\"城管中队\"}").statusCode()).isEqualTo(200);
        assertThat(move(id, "{\"stage\":\"check\",\"actor\":\"inspector\"}").statusCode()).isEqualTo(200);
        assertThat(move(id, "{\"stage\":\"close\",\"actor\":\"op-1\"}").statusCode()).isEqualTo(200);
        HttpResponse<String> done = move(id, "{\"stage\":\"evaluate\",\"actor\":\"op-2\",\"rating\":4}");
        assertThat(done.statusCode()).isEqualTo(200);
        JsonNode c = json(done);
        assertThat(c.path("status").asText()).isEqualTo("evaluated");
        assertThat(c.path("dept").asText()).isEqualTo("城管中队");
        List<String> stages = c.path("log").findValuesAsText("stage");
        assertThat(stages).containsExactly("report", "register", "dispatch", "send_back", "dispatch", "extend", "handle",
                "rework", "handle", "check", "close", "evaluate");
        assertThat(c.path("log").get(1).path("actor").asText()).isEqualTo("op-1");
    }

    @Test
    void invalid_transitions_are_refused_with_409_and_the_reason_and_write_nothing() throws Exception {
        long id = create("W-2", "0101");
        HttpResponse<String> early = move(id, "{\"stage\":\"close\",\"actor\":\"op\"}");
        assertThat(early.statusCode()).isEqualTo(409);
        assertThat(json(early).path("message").asText()).contains("cannot close").contains("needs status checked");
        move(id, "{\"stage\":\"reject\",\"actor\":\"op\",\"note\":\"duplicate of W-1\"}");
        HttpResponse<String> late = move(id, "{\"stage\":\"dispatch\",\"actor\":\"op\",\"dept\":\"x\"}");
        assertThat(late.statusCode()).isEqualTo(409);
        assertThat(json(late).path("message").asText()).contains("already rejected");
        long other = create("W-3", "0101");
        move(other, "{\"stage\":\"register\",\"actor\":\"op\"}");
        assertThat(move(other, "{\"stage\":\"dispatch\",\"actor\":\"op\"}").statusCode()).isEqualTo(409); // no dept
        assertThat(move(other, "{\"stage\":\"take\",\"actor\":\"op\",\"dept\":\"x\"}").statusCode()).isEqualTo(409);
        assertThat(move(other, "{\"stage\":\"fly\",\"actor\":\"op\"}").statusCode()).isEqualTo(400);
        assertThat(move(other, "{\"stage\":\"report\",\"actor\":\"op\"}").statusCode()).isEqualTo(400);
        assertThat(move(other, "{\"stage\":\"handle\"}").statusCode()).isEqualTo(400);
        assertThat(move(other, "not json").statusCode()).isEqualTo(400);
        assertThat(move(999_999, "{\"stage\":\"register\",\"actor\":\"op\"}").statusCode()).isEqualTo(404);
        assertThat(server.get("/api/incidents/abc").statusCode()).isEqualTo(400);
        try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT string_agg(stage, ',' ORDER BY id) FROM case_event WHERE incident_id = " + other)) {
            rs.next();
            assertThat(rs.getString(1)).isEqualTo("report,register");
        }
    }

    @Test
    void orders_from_vulnerable_households_come_first_and_run_take_complete_rate() {
        String family = "{\"source\":\"resident_app\",\"sourceId\":\"O-1\",\"category\":\"S0101\","
                + "\"location\":{\"housingUnitCode\":\"HU-FAMILY\"},\"household\":\"HU-FAMILY\",\"urgency\":\"urgent\","
                + "\"reportedAt\":\"" + LiveClient.AT + "\"}";
        String alone = family.replace("O-1", "O-2").replace("HU-FAMILY", "HU-ALONE").replace("urgent", "low");
        HttpResponse<String> f = post(server, "/api/incidents", family);
        assertThat(f.statusCode()).as(f.body()).isEqualTo(201);
        assertThat(post(server, "/api/incidents", alone).statusCode()).isEqualTo(201);
        JsonNode open = json(server.get("/api/orders?status=open"));
        assertThat(open.path("orders").get(0).path("sourceId").asText()).isEqualTo("O-2");
        assertThat(open.path("orders").get(0).path("vulnerable").asBoolean()).isTrue();
        assertThat(open.path("orders").get(1).path("sourceId").asText()).isEqualTo("O-1");
        long id = json(f).path("id").asLong();
        assertThat(json(server.get("/api/incidents/" + id)).path("deadline").isTextual()).isTrue();
        assertThat(move(id, "{\"stage\":\"register\",\"actor\":\"x\"}").statusCode()).isEqualTo(409);
        assertThat(move(id, "{\"stage\":\"take\",\"actor\":\"agency-7\",\"dept\":\"助餐点 7\"}").statusCode()).isEqualTo(200);
        assertThat(move(id, "{\"stage\":\"complete\",\"actor\":\"agency-7\"}").statusCode()).isEqualTo(200);
        assertThat(move(id, "{\"stage\":\"rate\",\"actor\":\"resident\",\"rating\":6}").statusCode()).isEqualTo(400);
        HttpResponse<String> rated = move(id, "{\"stage\":\"rate\",\"actor\":\"resident\",\"rating\":5}");
        assertThat(json(rated).path("status").asText()).isEqualTo("rated");
        assertThat(json(rated).path("rating").asInt()).isEqualTo(5);
        assertThat(json(server.get("/api/orders?status=closed")).path("orders").findValuesAsText("sourceId")).contains("O-1");
        assertThat(server.get("/api/orders?status=maybe").statusCode()).isEqualTo(400);
        assertThat(post(server, "/api/incidents", family.replace("O-1", "O-3").replace("HU-FAMILY", "HU-NOWHERE"))
                .statusCode()).isEqualTo(400);
    }

    @Test
    void displays_get_created_changed_and_overdue_events_within_a_second_and_catch_up_after_reconnecting() throws Exception {
        try (SseReader sse = new SseReader(http, server.base() + "/api/events?token=" + server.adminToken(), null)) {
            sse.awaitConnected(Duration.ofSeconds(30));
            long t0 = System.nanoTime();
            long id = create("E-1", "0401");
            SseReader.Event created = sse.next("incident.created", Duration.ofSeconds(3));
            assertThat(created).as("incident.created").isNotNull();
            long latencyMs = (created.arrivedNanos() - t0) / 1_000_000;
            System.out.println("post → incident.created over SSE: " + latencyMs + " ms");
            assertThat(latencyMs).isLessThan(1000);
            assertThat(parse(created.data()).path("id").asLong()).isEqualTo(id);
            assertThat(parse(created.data()).path("grid").asText()).isEqualTo("630102001001003");

            move(id, "{\"stage\":\"register\",\"actor\":\"op\"}");
            SseReader.Event changed = sse.next("incident.changed", Duration.ofSeconds(3));
            assertThat(changed).isNotNull();
            assertThat(parse(changed.data()).path("status").asText()).isEqualTo("registered");

            try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement()) {
                s.executeUpdate("UPDATE incident SET deadline = now() - interval '1 minute' WHERE id = " + id);
            }
            SseReader.Event overdue = sse.next("case.overdue", Duration.ofSeconds(5));
            assertThat(overdue).as("case.overdue").isNotNull();
            assertThat(parse(overdue.data()).path("id").asLong()).isEqualTo(id);
            assertThat(sse.next("case.overdue", Duration.ofMillis(1500))).as("announced once").isNull();
            assertThat(sse.heartbeats()).as("heartbeats").isGreaterThan(0);
            assertThat(Long.parseLong(changed.id())).isGreaterThan(Long.parseLong(created.id()));

            // A display that saw only 'created' reconnects and gets what it missed, in order.
            try (SseReader again = new SseReader(http, server.base() + "/api/events?token=" + server.adminToken(), created.id())) {
                List<SseReader.Event> missed = again.awaitConnected(Duration.ofSeconds(30)).drain(Duration.ofMillis(800));
                assertThat(missed).extracting(SseReader.Event::type).contains("incident.changed", "case.overdue");
                assertThat(missed.get(0).id()).isEqualTo(String.valueOf(Long.parseLong(created.id()) + 1));
            }
            // One whose id is outside the window is told to reset.
            try (SseReader stale = new SseReader(http, server.base() + "/api/events?token=" + server.adminToken(), "5")) {
                assertThat(stale.next("reset", Duration.ofSeconds(30))).isNotNull();
            }
        }
    }

    static JsonNode parse(String s) {
        try {
            return LiveClient.JSON.readTree(s);
        } catch (Exception e) {
            throw new AssertionError(s, e);
        }
    }
}
