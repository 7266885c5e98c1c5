package org.gridlens.server.testing;

import io.javalin.Javalin;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.gridlens.geodata.db.Database;
import org.gridlens.geodata.security.CredentialStore;
import org.gridlens.geodata.security.Role;
import org.gridlens.server.GridLensApp;
import org.gridlens.server.GridLensMetrics;
import org.gridlens.server.config.ConfigLoader;
import org.gridlens.server.config.GridLensConfig;

/** The real GridLens app on a free loopback port, over a given database, with a plain HTTP client. */
public final class TestServer implements AutoCloseable {

    private final Javalin app;
    private final GridLensApp gridLens;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String adminToken;
    private final String authorization;

    public TestServer(Database database) {
        this(database, List.of());
    }

    public TestServer(Database database, List<String> flags) {
        List<String> all = new java.util.ArrayList<>(List.of("--http.port=0"));
        all.addAll(flags);
        GridLensConfig config = ConfigLoader.load(all, Map.of());
        this.gridLens = new GridLensApp(config, database, GridLensMetrics.create());
        this.app = gridLens.javalin().start();
        this.adminToken = issue(database, "test-admin", Role.ADMIN);
        this.authorization = "Bearer " + adminToken;
    }

    private TestServer(TestServer of, String authorization) {
        this.app = of.app;
        this.gridLens = of.gridLens;
        this.adminToken = of.adminToken;
        this.authorization = authorization;
    }

    /** A token with the given roles, valid for a day. */
    public static String issue(Database database, String name, Role... roles) {
        try {
            return new CredentialStore(database.dataSource())
                    .issueToken(name, java.util.EnumSet.copyOf(List.of(roles)), Duration.ofDays(1), "test").secret();
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The same server seen by a client without credentials. */
    public TestServer anonymous() {
        return new TestServer(this, null);
    }

    /** The same server seen by a client sending {@code Authorization: Bearer token}. */
    public TestServer as(String token) {
        return new TestServer(this, "Bearer " + token);
    }

    /** An admin token for this server's database (what requests send unless {@link #anonymous()}). */
    public String adminToken() {
        return adminToken;
    }

    /** The app's route table with access rules. */
    public java.util.List<io.javalin.event.HandlerMetaInfo> routes() {
        return gridLens.routeTable();
    }

    /** The application object (e.g. to reach its tile service). */
    public GridLensApp app() {
        return gridLens;
    }

    public String base() {
        return "http://127.0.0.1:" + app.port();
    }

    /** A request builder for {@code path} carrying this client's credentials. */
    public HttpRequest.Builder request(String path) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base() + path)).timeout(Duration.ofSeconds(30));
        if (authorization != null) {
            b.header("Authorization", authorization);
        }
        return b;
    }

    public HttpResponse<String> get(String path) {
        return send(request(path).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    public HttpResponse<byte[]> getBytes(String path) {
        return send(request(path).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    public HttpResponse<String> postJson(String path, String json) {
        return send(request(path).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
    }

    public <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> handler) {
        try {
            return http.send(request, handler);
        } catch (IOException e) {
            throw new IllegalStateException("request failed: " + request.uri(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Stops the server (only on the instance that started it). */
    @Override
    public void close() {
        app.stop();
    }
}
