package org.gridlens.server.testing;

import io.javalin.Javalin;
import io.javalin.event.HandlerMetaInfo;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import org.gridlens.geodata.db.Database;
import org.gridlens.geodata.security.CredentialStore;
import org.gridlens.geodata.security.Role;
import org.gridlens.geodata.testing.FreshDatabase;
import org.gridlens.server.GridLensApp;
import org.gridlens.server.GridLensMetrics;
import org.gridlens.server.config.ConfigLoader;
import org.gridlens.server.config.GridLensConfig;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The real GridLens app on a free loopback port, over a given database, with a plain HTTP client.
 *
 * <p>Two ways to get one. Started now, closed by the caller: {@code new TestServer(database, flags)}.
 * Started for a whole test class, with the class's own database, by declaring it as an extension:
 *
 * <pre>{@code
 * static final FreshDatabase db = FreshDatabase.named("limiter").seededWith(RegionFixture::insert);
 * @RegisterExtension
 * static final TestServer server = TestServer.over(db, "--limits.client-rps=5");
 * }</pre>
 *
 * The extension opens (and seeds) the database, then starts the server, before any {@code @BeforeAll}
 * method; after the class it stops the server, then closes the database. Requests made before the
 * server started throw {@link IllegalStateException}.
 */
public final class TestServer implements AutoCloseable, BeforeAllCallback, AfterAllCallback {

    private final Lifecycle lifecycle;
    /** Whether requests carry the admin token; else they carry {@link #authorization} (null: nothing). */
    private final boolean admin;
    private final String authorization;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    public TestServer(Database database) {
        this(database, List.of());
    }

    public TestServer(Database database, List<String> flags) {
        this(new Lifecycle(null, flags), true, null);
        lifecycle.start(database);
    }

    private TestServer(Lifecycle lifecycle, boolean admin, String authorization) {
        this.lifecycle = lifecycle;
        this.admin = admin;
        this.authorization = authorization;
    }

    /**
     * A server for a test class, over {@code database} (opened and closed with it), started with the
     * given command-line flags; register it with {@code @RegisterExtension} and do not register the
     * database as well.
     */
    public static TestServer over(FreshDatabase database, String... flags) {
        return new TestServer(new Lifecycle(database, List.of(flags)), true, null);
    }

    /**
     * Opens the database of a server made by {@link #over}, then starts the server; what
     * {@code @RegisterExtension} does before the class (call it from runners without JUnit
     * extensions, e.g. jqwik's {@code @BeforeContainer}).
     */
    public void start() {
        FreshDatabase database = lifecycle.database;
        if (database == null) {
            throw new IllegalStateException("only a server made by TestServer.over(...) starts its own database");
        }
        database.open();
        lifecycle.start(database.database());
    }

    /** Stops the server, then closes the database of a server made by {@link #over} (see {@link #start()}). */
    public void stop() {
        try {
            close();
        } finally {
            if (lifecycle.database != null) {
                lifecycle.database.close();
            }
        }
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        start();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        stop();
    }

    /** A token with the given roles, valid for a day. */
    public static String issue(Database database, String name, Role... roles) {
        try {
            return new CredentialStore(database.dataSource())
                    .issueToken(name, EnumSet.copyOf(List.of(roles)), Duration.ofDays(1), "test").secret();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A token with the given roles, valid for a day, in the open {@code database}. */
    public static String issue(FreshDatabase database, String name, Role... roles) {
        return issue(database.database(), name, roles);
    }

    /** The same server seen by a client without credentials. */
    public TestServer anonymous() {
        return new TestServer(lifecycle, false, null);
    }

    /** The same server seen by a client sending {@code Authorization: Bearer token}. */
    public TestServer as(String token) {
        return new TestServer(lifecycle, false, "Bearer " + token);
    }

    /** An admin token for this server's database (what requests send unless {@link #anonymous()}). */
    public String adminToken() {
        return lifecycle.started().adminToken();
    }

    /** The app's route table with access rules. */
    public List<HandlerMetaInfo> routes() {
        return app().routeTable();
    }

    /** The application object (e.g. to reach its tile service). */
    public GridLensApp app() {
        return lifecycle.started().gridLens();
    }

    public String base() {
        return "http://127.0.0.1:" + lifecycle.started().javalin().port();
    }

    /** A request builder for {@code path} carrying this client's credentials. */
    public HttpRequest.Builder request(String path) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base() + path)).timeout(Duration.ofSeconds(30));
        String sent = admin ? "Bearer " + adminToken() : authorization;
        if (sent != null) {
            b.header("Authorization", sent);
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

    /** Stops the server (the views made by {@link #anonymous()} and {@link #as} share it). */
    @Override
    public void close() {
        lifecycle.stop();
    }

    /** The running app and its admin token. */
    private record Started(Javalin javalin, GridLensApp gridLens, String adminToken) {
    }

    /** The one server that a {@link TestServer} and its credential views share. */
    private static final class Lifecycle {
        private final FreshDatabase database;
        private final List<String> flags;
        private Started started;

        Lifecycle(FreshDatabase database, List<String> flags) {
            this.database = database;
            this.flags = List.copyOf(flags);
        }

        synchronized void start(Database db) {
            List<String> all = new ArrayList<>(List.of("--http.port=0"));
            all.addAll(flags);
            GridLensConfig config = ConfigLoader.load(all, Map.of());
            GridLensApp gridLens = new GridLensApp(config, db, GridLensMetrics.create());
            Javalin javalin = gridLens.javalin().start();
            started = new Started(javalin, gridLens, issue(db, "test-admin", Role.ADMIN));
        }

        synchronized Started started() {
            if (started == null) {
                throw new IllegalStateException("the test server is not running (register it with @RegisterExtension)");
            }
            return started;
        }

        synchronized void stop() {
            if (started != null) {
                started.javalin().stop();
            }
        }
    }
}
