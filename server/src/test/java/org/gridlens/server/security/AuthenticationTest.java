package org.gridlens.server.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.EnumSet;
import javax.sql.DataSource;
import org.gridlens.geodata.security.CredentialStore;
import org.gridlens.geodata.security.Role;
import org.gridlens.geodata.testing.FreshDatabase;
import org.gridlens.server.testing.TestServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Sign-in, sessions with CSRF, token revocation, audit of sign-ins and security headers, over HTTP. */
class AuthenticationTest {

    static final ObjectMapper json = new ObjectMapper();
    static final FreshDatabase db = FreshDatabase.named("auth").seededWith(AuthenticationTest::fixture);
    @RegisterExtension
    static final TestServer server = TestServer.over(db);

    static void fixture(DataSource ds) throws Exception {
        new CredentialStore(ds).putUser("admin.zhao", "a long admin password", EnumSet.of(Role.ADMIN));
    }

    private static HttpResponse<String> login(String user, String password) {
        return server.anonymous().postJson("/api/login",
                "{\"username\":\"" + user + "\",\"password\":\"" + password + "\"}");
    }

    @Test
    void a_session_cookie_is_http_only_strict_and_writes_need_the_csrf_token() throws Exception {
        HttpResponse<String> ok = login("admin.zhao", "a long admin password");
        assertThat(ok.statusCode()).isEqualTo(200);
        String setCookie = ok.headers().firstValue("Set-Cookie").orElseThrow();
        assertThat(setCookie).contains("gl_session=").containsIgnoringCase("HttpOnly").containsIgnoringCase("SameSite=Strict");
        String cookie = setCookie.substring(0, setCookie.indexOf(';'));
        String csrf = json.readTree(ok.body()).get("csrf").asText();

        HttpResponse<String> me = server.send(HttpRequest.newBuilder(java.net.URI.create(server.base() + "/api/me"))
                .header("Cookie", cookie).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(me.statusCode()).isEqualTo(200);
        assertThat(json.readTree(me.body()).get("name").asText()).isEqualTo("admin.zhao");

        String body = "{\"name\":\"kiosk-1\",\"roles\":\"wall\",\"days\":30}";
        HttpRequest.Builder post = HttpRequest.newBuilder(java.net.URI.create(server.base() + "/api/admin/tokens"))
                .header("Cookie", cookie).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        assertThat(server.send(post.build(), HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(403);
        HttpResponse<String> issued = server.send(post.header("X-CSRF-Token", csrf).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(issued.statusCode()).isEqualTo(201);
        JsonNode t = json.readTree(issued.body());
        String token = t.get("token").asText();

        assertThat(server.as(token).get("/api/wall/summary").statusCode()).isEqualTo(200);
        assertThat(server.as(token).get("/api/admin/audit").statusCode()).isEqualTo(403);
        assertThat(server.send(server.request("/api/admin/tokens/" + t.get("id").asInt()).DELETE().build(),
                HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(204);
        assertThat(server.as(token).get("/api/wall/summary").statusCode()).isEqualTo(401);
    }

    @Test
    void failed_sign_ins_are_audited_and_limited() throws Exception {
        int last = 0;
        for (int i = 0; i < 7; i++) {
            last = login("nobody", "not the password").statusCode();
            assertThat(last).isIn(401, 429);
        }
        assertThat(last).isEqualTo(429);
        try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT count(*) FROM audit_log WHERE action = 'login' AND outcome = 'failed'")) {
            rs.next();
            assertThat(rs.getInt(1)).isGreaterThanOrEqualTo(LoginController.MAX_FAILURES);
        }
        JsonNode audit = json.readTree(server.get("/api/admin/audit?action=login").body());
        assertThat(audit.get("entries").size()).isGreaterThanOrEqualTo(LoginController.MAX_FAILURES);
    }

    @Test
    void unauthenticated_requests_get_401_with_a_bearer_challenge_and_malformed_credentials_are_refused() {
        HttpResponse<String> r = server.anonymous().get("/api/wall/summary");
        assertThat(r.statusCode()).isEqualTo(401);
        assertThat(r.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(v -> assertThat(v).startsWith("Bearer"));
        assertThat(server.as("' OR '1'='1").get("/api/wall/summary").statusCode()).isEqualTo(401);
        assertThat(server.anonymous().get("/api/wall/summary?token=%27%20OR%201%3D1--").statusCode()).isEqualTo(401);
        assertThat(server.anonymous().get("/health").statusCode()).isIn(200, 503);
    }

    @Test
    void every_response_carries_the_security_headers() {
        for (String path : new String[] {"/wall", "/health", "/api/layers", "/nope"}) {
            HttpResponse<String> r = server.anonymous().get(path);
            assertThat(r.headers().firstValue("Content-Security-Policy")).as(path)
                    .hasValueSatisfying(v -> assertThat(v).contains("script-src 'self'").contains("frame-ancestors 'none'"));
            assertThat(r.headers().firstValue("X-Content-Type-Options")).as(path).contains("nosniff");
        }
    }
}
