package org.gridlens.server.wall;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import javax.sql.DataSource;
import org.gridlens.geodata.analytics.DataVersion;
import org.gridlens.geodata.stats.DistrictSummary;
import org.gridlens.geodata.stats.DistrictSummaryQuery;
import org.gridlens.geodata.testing.FreshDatabase;
import org.gridlens.geodata.testing.RegionFixture;
import org.gridlens.server.testing.Incidents;
import org.gridlens.server.testing.TestServer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The wall's cached answers (summary, KPIs, trends, league table) are served from memory while nothing they
 * depend on changed, and are exact after a change: a new or closed incident (the analytics data version
 * moves) and a deadline passing (no data change at all). Every test works with differences, so they do not
 * depend on each other's incidents.
 */
class CachedWallAnswersTest {

    static final ObjectMapper json = new ObjectMapper();
    static final OffsetDateTime DAY = OffsetDateTime.parse("2026-11-20T10:00:00+08:00");
    static final double LON = 101.805;
    static final double LAT = 36.615;
    @RegisterExtension
    static final FreshDatabase db = FreshDatabase.named("summarycache").seededWith(RegionFixture::insert);

    @BeforeAll
    static void start() throws Exception {
        insert(db.dataSource(), "seed", DAY, "closed", DAY.plusHours(2), null);
    }

    SummaryCache cache() {
        DataSource ds = db.dataSource();
        return new SummaryCache(new DistrictSummaryQuery(ds), new DataVersion(ds)::current, Clock.systemUTC());
    }

    @Test
    void a_repeated_request_without_changes_is_answered_from_memory_per_window() throws Exception {
        SummaryCache cache = cache();
        DistrictSummary thirty = cache.summary(30);
        assertThat(cache.summary(30)).isSameAs(thirty);
        DistrictSummary seven = cache.summary(7);
        assertThat(seven).isNotSameAs(thirty);
        assertThat(seven.windowEnd().minusDays(7)).isEqualTo(seven.windowStart());
        assertThat(cache.summary(7)).isSameAs(seven);
    }

    @Test
    void an_incident_added_and_then_closed_shows_in_the_very_next_summary_over_http_when_answers_must_be_current() throws Exception {
        try (TestServer server = new TestServer(db.database(), EXACT)) {
            JsonNode before = summary(server);
            assertThat(withoutAge(summary(server))).as("unchanged data, same answer").isEqualTo(withoutAge(before));
            long id = insert(db.dataSource(), "new", DAY.plusHours(1), "dispatched", null, null);
            JsonNode added = summary(server);
            assertThat(added.get("incidentsInWindow").asLong()).isEqualTo(before.get("incidentsInWindow").asLong() + 1);
            assertThat(added.get("openCases").asLong()).isEqualTo(before.get("openCases").asLong() + 1);
            assertThat(gridCount(added, "630102001001001")).isEqualTo(gridCount(before, "630102001001001") + 1);
            execute(db.dataSource(), "UPDATE incident SET status = 'closed', closed_at = reported_at + interval '1 hour' WHERE id = " + id);
            JsonNode closed = summary(server);
            assertThat(closed.get("openCases").asLong()).isEqualTo(before.get("openCases").asLong());
            assertThat(closed.get("incidentsInWindow").asLong()).isEqualTo(added.get("incidentsInWindow").asLong());
        }
    }

    @Test
    void kpis_trends_and_league_table_show_a_new_incident_and_a_passed_deadline_in_the_very_next_answer_when_answers_must_be_current()
            throws Exception {
        try (TestServer server = new TestServer(db.database(), EXACT)) {
            JsonNode kpis = json(server, "/api/wall/kpis");
            JsonNode league = json(server, "/api/wall/subdistricts?days=30");
            JsonNode days = json(server, "/api/wall/trend?range=30d");
            JsonNode hours = json(server, "/api/wall/trend?range=24h");
            assertThat(withoutAge(json(server, "/api/wall/kpis"))).as("unchanged data, same answer").isEqualTo(withoutAge(kpis));
            insert(db.dataSource(), "kpi", DAY.plusHours(4), "dispatched", null, OffsetDateTime.now().plusSeconds(10));
            JsonNode kpis2 = json(server, "/api/wall/kpis");
            assertThat(kpis2.get("overdueCases").asLong()).as("not yet due").isEqualTo(kpis.get("overdueCases").asLong());
            assertThat(kpis2.get("incidentsToday").asLong()).isEqualTo(kpis.get("incidentsToday").asLong() + 1);
            assertThat(kpis2.get("openCases").asLong()).isEqualTo(kpis.get("openCases").asLong() + 1);
            assertThat(json(server, "/api/wall/subdistricts?days=30").at("/subdistricts/0/incidents").asLong())
                    .isEqualTo(league.at("/subdistricts/0/incidents").asLong() + 1);
            assertThat(total(json(server, "/api/wall/trend?range=30d"))).isEqualTo(total(days) + 1);
            assertThat(total(json(server, "/api/wall/trend?range=24h"))).isEqualTo(total(hours) + 1);
            waitUntil(Instant.now().plusSeconds(10).plusMillis(500));
            JsonNode kpis3 = json(server, "/api/wall/kpis");
            assertThat(kpis3.get("overdueCases").asLong()).isEqualTo(kpis2.get("overdueCases").asLong() + 1);
            assertThat(json(server, "/api/wall/subdistricts?days=30").at("/subdistricts/0/overdue").asLong())
                    .isEqualTo(league.at("/subdistricts/0/overdue").asLong() + 1);
        }
    }

    @Test
    void a_deadline_passing_counts_its_case_overdue_although_no_data_changed() throws Exception {
        SummaryCache cache = cache();
        insert(db.dataSource(), "due-soon", DAY.plusHours(2), "dispatched", null, OffsetDateTime.now().plusSeconds(10));
        DistrictSummary before = cache.summary(30);
        assertThat(cache.summary(30)).isSameAs(before);
        waitUntil(Instant.now().plusSeconds(10).plusMillis(500));
        DistrictSummary after = cache.summary(30);
        assertThat(after.overdueCases()).isEqualTo(before.overdueCases() + 1);
        assertThat(after.openCases()).isEqualTo(before.openCases());
    }

    @Test
    void by_default_a_change_is_answered_at_once_with_the_last_answer_and_its_age_and_soon_after_with_the_change() throws Exception {
        try (TestServer server = new TestServer(db.database())) {
            for (String path : List.of("/api/wall/kpis", "/api/wall/summary?days=30", "/api/wall/trend?range=30d",
                    "/api/wall/subdistricts?days=30")) {
                JsonNode before = json(server, path);
                assertThat(before.get("current").asBoolean()).as(path + " computed now").isTrue();
                Instant changedAt = Instant.now();
                insert(db.dataSource(), "swr-" + path, DAY.plusHours(3), "dispatched", null, null);
                JsonNode stale = json(server, path);
                Instant asOf = Instant.parse(stale.get("asOf").asText());
                if (!stale.get("current").asBoolean()) {
                    // The last answer, at once: it predates the change, says so, and is within the stated bound.
                    assertThat(asOf).as(path + " asOf").isBefore(changedAt).isAfter(changedAt.minusSeconds(30));
                    assertThat(withoutAge(stale)).as(path + " the last answer").isEqualTo(withoutAge(before));
                }
                // Soon after, computed once in the background: the change shows, marked current.
                JsonNode fresh = stale;
                long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
                while (!fresh.get("current").asBoolean() && System.nanoTime() < deadline) {
                    Thread.sleep(50);
                    fresh = json(server, path);
                }
                assertThat(fresh.get("current").asBoolean()).as(path + " current again").isTrue();
                assertThat(Instant.parse(fresh.get("asOf").asText())).isAfter(changedAt);
                assertThat(withoutAge(fresh)).as(path + " shows the change").isNotEqualTo(withoutAge(before));
            }
        }
    }

    /** Servers whose wall answers must always be current (no answer older than the data is served). */
    static final List<String> EXACT = List.of("--wall.answer-max-age-seconds=0");

    static JsonNode withoutAge(JsonNode answer) {
        com.fasterxml.jackson.databind.node.ObjectNode copy = answer.deepCopy();
        copy.remove("asOf");
        copy.remove("current");
        return copy;
    }

    static JsonNode summary(TestServer server) throws Exception {
        return json(server, "/api/wall/summary?days=30");
    }

    static JsonNode json(TestServer server, String path) throws Exception {
        HttpResponse<String> r = server.get(path);
        assertThat(r.statusCode()).as(path + " → " + r.body()).isEqualTo(200);
        return json.readTree(r.body());
    }

    static long total(JsonNode trend) {
        long n = 0;
        for (JsonNode b : trend.get("buckets")) {
            n += b.get("incidents").asLong();
        }
        return n;
    }

    /** Waits for the clock, not for another thread: deadlines in these tests lie 10 s after an insert's now(). */
    static void waitUntil(Instant when) throws InterruptedException {
        while (Instant.now().isBefore(when)) {
            Thread.sleep(Duration.between(Instant.now(), when).toMillis() + 1);
        }
    }

    static long gridCount(JsonNode summary, String code) {
        for (JsonNode g : summary.get("byGrid")) {
            if (code.equals(g.get("code").asText())) {
                return g.get("incidents").asLong();
            }
        }
        throw new AssertionError("grid " + code + " missing from " + summary);
    }

    /** One incident at the fixture's first grid, category 0101; closedAt and deadline may be null. */
    static long insert(DataSource ds, String sourceId, OffsetDateTime reportedAt, String status, OffsetDateTime closedAt,
                       OffsetDateTime deadline) throws SQLException {
        return Incidents.insert(ds, sourceId, "0101", reportedAt, status, closedAt, deadline, LON, LAT);
    }

    static void execute(DataSource ds, String sql) throws SQLException {
        try (Connection c = ds.getConnection(); var s = c.createStatement()) {
            s.execute(sql);
        }
    }
}
