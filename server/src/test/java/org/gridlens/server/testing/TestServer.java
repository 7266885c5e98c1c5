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
import org.gridlens.server.GridLensApp;
import org.gridlens.server.GridLensMetrics;
import org.gridlens.server.config.ConfigLoader;
import org.gridlens.server.config.GridLensConfig;

/** The real GridLens app on a free loopback port, over a given database, with a plain HTTP client. */
public final class TestServer implements AutoCloseable {

    private final Javalin app;
    private final GridLensApp gridLens;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    public TestServer(Database database) {
        this(database, List.of());
    }

    public TestServer(Database database, List<String> flags) {
        List<String> all = new java.util.ArrayList<>(List.of("--http.port=0"));
        all.addAll(flags);
        GridLensConfig config = ConfigLoader.load(all, Map.of());
        this.gridLens = new GridLensApp(config, database, GridLensMetrics.create());
        this.app = gridLens.javalin().start();
    }

    /** The application object (e.g. to reach its tile service). */
    public GridLensApp app() {
        return gridLens;
    }

    public String base() {
        return "http://127.0.0.1:" + app.port();
    }

    public HttpResponse<String> get(String path) {
        return send(HttpRequest.newBuilder(URI.create(base() + path)).timeout(Duration.ofSeconds(30)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    public HttpResponse<byte[]> getBytes(String path) {
        return send(HttpRequest.newBuilder(URI.create(base() + path)).timeout(Duration.ofSeconds(30)).GET().build(),
                HttpResponse.BodyHandlers.ofByteArray());
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

    @Override
    public void close() {
        app.stop();
    }
}
