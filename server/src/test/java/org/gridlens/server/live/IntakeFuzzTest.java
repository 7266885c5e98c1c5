package org.gridlens.server.live;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import org.gridlens.geodata.db.Database;
import org.gridlens.geodata.testing.TestDatabase;
import org.gridlens.server.testing.TestServer;

/**
 * 5,000 generated and mutated incident reports posted to the running intake: each is accepted (201),
 * a duplicate (200), a conflict (409) or refused with a reason (400/413); never a 5xx; and the incident
 * table grows by exactly the number of accepted reports (nothing written for refused ones).
 */
class IntakeFuzzTest {

    static Database db;
    static TestServer server;
    static final AtomicInteger accepted = new AtomicInteger();
    static long before;

    @BeforeContainer
    static void start() throws Exception {
        db = TestDatabase.freshDatabase("intakefuzz");
        LiveFixture.insert(db.dataSource());
        server = new TestServer(db, List.of("--limits.client-rps=1000000", "--limits.intake-concurrent=1000"));
        before = incidents();
    }

    @AfterContainer
    static void stop() throws Exception {
        long after = incidents();
        try {
            assertThat(after - before).as("rows written vs reports accepted").isEqualTo(accepted.get());
        } finally {
            server.close();
            db.close();
        }
    }

    static long incidents() throws Exception {
        try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT count(*) FROM incident")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    @Provide
    Arbitrary<String> reports() {
        Arbitrary<String> id = Arbitraries.strings().alpha().numeric().ofMinLength(0).ofMaxLength(70);
        Arbitrary<String> source = Arbitraries.of("hotline", "grid_worker", "camera", "resident_app", "HOTLINE", "", "x'--");
        Arbitrary<String> category = Arbitraries.of("0101", "0102", "0201", "01", "C0101", "S0101", "9999", "", "0101' OR '1'='1");
        Arbitrary<Double> lon = Arbitraries.oneOf(Arbitraries.doubles().between(101.79, 101.83),
                Arbitraries.of(36.605, 0.0, -181.0, 181.0, 1e308, Double.MIN_VALUE));
        Arbitrary<Double> lat = Arbitraries.oneOf(Arbitraries.doubles().between(36.59, 36.63),
                Arbitraries.of(101.805, 0.0, -91.0, 91.0, -1e308));
        Arbitrary<String> at = Arbitraries.of("2026-11-26T10:00:00Z", "1999-12-31T23:59:59Z", "2099-01-01T00:00:00Z",
                "2026-02-30T00:00:00Z", "yesterday", "", "2026-11-26T10:00:00+08:00");
        Arbitrary<String> crs = Arbitraries.of("", ",\"crs\":\"GCJ-02\"", ",\"crs\":\"EPSG:4490\"", ",\"crs\":\"EPSG:3857\"",
                ",\"crs\":null");
        Arbitrary<String> well = Combinators.combine(id, source, category, lon, lat, at, crs).as((i, s, c, x, y, t, k) ->
                "{\"source\":\"" + s + "\",\"sourceId\":\"" + i + "\",\"category\":\"" + c + "\",\"location\":{\"lon\":" + x
                        + ",\"lat\":" + y + k + "},\"reportedAt\":\"" + t + "\",\"description\":\"d\"}");
        return Combinators.combine(well, Arbitraries.integers().between(0, 400), Arbitraries.of("", "{", "}", "[", "\"", ",", "null", ":1"),
                Arbitraries.integers().between(0, 9))
                .as((doc, p, tok, mode) -> mode < 6 ? doc : doc.substring(0, Math.min(p, doc.length())) + tok
                        + doc.substring(Math.min(p, doc.length())));
    }

    @Property(tries = 5_000)
    void any_report_is_accepted_or_refused_with_a_reason_never_a_5xx(@ForAll("reports") String body) {
        HttpResponse<String> r = server.postJson("/api/incidents", body);
        assertThat(r.statusCode()).as(body).isIn(200, 201, 400, 409, 413, 422);
        assertThat(r.body()).doesNotContain("Exception").doesNotContain("at org.");
        if (r.statusCode() == 201) {
            accepted.incrementAndGet();
        }
    }
}
