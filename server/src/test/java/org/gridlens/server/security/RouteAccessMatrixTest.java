package org.gridlens.server.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.javalin.event.HandlerMetaInfo;
import io.javalin.http.HandlerType;
import java.io.InputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.gridlens.geodata.security.Role;
import org.gridlens.geodata.testing.FreshDatabase;
import org.gridlens.geodata.testing.RegionFixture;
import org.gridlens.server.testing.TestServer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Route × role matrix over 100% of the app's endpoints, read from the app itself (not a hand-kept
 * list): every route has an access rule; without credentials every non-public route answers 401;
 * each role gets through exactly the routes that admit it and 403 elsewhere.
 */
class RouteAccessMatrixTest {

    static final FreshDatabase db = FreshDatabase.named("matrix").seededWith(RegionFixture::insert);
    @RegisterExtension
    static final TestServer server = TestServer.over(db);
    static final Map<Role, String> tokens = new EnumMap<>(Role.class);

    @BeforeAll
    static void start() throws Exception {
        for (Role r : Role.values()) {
            tokens.put(r, TestServer.issue(db, "matrix-" + r.id(), r));
        }
    }

    static List<HandlerMetaInfo> endpoints() {
        return server.routes().stream()
                .filter(h -> h.getHttpMethod().isHttpMethod())
                .toList();
    }

    @Test
    void every_route_has_an_access_rule() {
        assertThat(endpoints()).isNotEmpty();
        List<String> without = endpoints().stream().filter(h -> h.getRoles().isEmpty())
                .map(h -> h.getHttpMethod() + " " + h.getPath()).toList();
        assertThat(without).as("routes without an access rule (deny by default)").isEmpty();
    }

    @Test
    void each_role_reaches_exactly_the_routes_that_admit_it() throws Exception {
        List<String> wrong = new ArrayList<>();
        for (HandlerMetaInfo h : endpoints()) {
            Set<Access> rules = h.getRoles().stream().map(r -> (Access) r).collect(Collectors.toSet());
            int anonymous = status(server.anonymous(), h);
            if (rules.contains(Access.PUBLIC)) {
                if (anonymous == 401 || anonymous == 403) {
                    wrong.add("public " + describe(h) + " refused anonymous with " + anonymous);
                }
                continue;
            }
            if (anonymous != 401) {
                wrong.add(describe(h) + " answered " + anonymous + " without credentials");
            }
            for (Role role : Role.values()) {
                boolean admitted = role == Role.ADMIN || rules.stream().anyMatch(a -> a.role().orElse(null) == role);
                int s = status(server.as(tokens.get(role)), h);
                if (admitted && (s == 401 || s == 403)) {
                    wrong.add(describe(h) + " refused " + role.id() + " with " + s);
                }
                if (!admitted && s != 403) {
                    wrong.add(describe(h) + " let " + role.id() + " through with " + s);
                }
            }
        }
        assertThat(wrong).isEmpty();
    }

    @Test
    void the_wall_role_reads_the_published_coverage_gaps_but_not_the_planners_coverage_or_buildings() {
        TestServer wall = server.as(tokens.get(Role.WALL));
        assertThat(wall.get("/api/wall/coverage").statusCode()).as("the wall's suppressed coverage summary").isEqualTo(200);
        assertThat(wall.get("/api/analytics/coverage?type=elderly_day_care&reach=300&group=elderly&lon=101.8&lat=36.6")
                .statusCode()).as("arbitrary coverage and what-if proposals").isEqualTo(403);
        assertThat(wall.get("/api/analytics/coverage/uncovered.geojson?type=elderly_day_care").statusCode())
                .as("uncovered buildings").isEqualTo(403);
        assertThat(server.anonymous().get("/api/wall/coverage").statusCode()).isEqualTo(401);
    }

    private static String describe(HandlerMetaInfo h) {
        return h.getHttpMethod() + " " + h.getPath();
    }

    /** Calls a route with placeholder path parameters and reads only the status line. */
    static int status(TestServer client, HandlerMetaInfo h) throws Exception {
        String path = h.getPath()
                .replace("{layers}", "grid").replace("{z}", "0").replace("{x}", "0").replace("{y}", "0.mvt")
                .replace("{level}", "grid.geojson").replaceAll("\\{[^}]+}", "1");
        HttpRequest.Builder b = client.request(path);
        String method = h.getHttpMethod().name();
        HttpRequest req = switch (method) {
            case "GET" -> b.GET().build();
            case "DELETE" -> b.DELETE().build();
            default -> b.header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofString("{}")).build();
        };
        HttpResponse<InputStream> r = client.send(req, HttpResponse.BodyHandlers.ofInputStream());
        r.body().close();
        return r.statusCode();
    }
}
