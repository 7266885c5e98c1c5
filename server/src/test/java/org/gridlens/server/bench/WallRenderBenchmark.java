package org.gridlens.server.bench;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.gridlens.geodata.db.Database;
import org.gridlens.geodata.db.PoolSettings;
import org.gridlens.geodata.db.PostgresBinaries;
import org.gridlens.geodata.db.PrivateCluster;
import org.gridlens.geodata.demo.DemoLoader;
import org.gridlens.geodata.demo.DemoProfile;
import org.gridlens.geodata.testing.TestDatabase;
import org.gridlens.server.testing.Browser;
import org.gridlens.server.testing.TestServer;

/**
 * The wall's first complete render in headless Chromium at 3840×2160 on a demo district (default
 * {@code district}: 600 grids, ~1,000,000 incidents), cold browser cache each run.
 *
 * <p>Prints, as FIGURE lines: the median and every run's time from navigation start to the wall's
 * {@code data-rendered} mark (every core panel answered and drew); the bytes transferred for that render
 * (navigation + every resource, compressed sizes as they crossed the wire) and the largest resources; and
 * a floor measured in the same run — the same first-render URLs fetched in parallel by a bare Java HTTP
 * client (the server's share, no parsing or drawing) — with the ratio render / floor; then the same render
 * right after a data change, when the wall's per-version cached answers are computed again (three runs,
 * with their own floor). The {@code uptime}
 * load average is printed with the figures because the machine is shared.
 *
 * <p>After each render the wall goes on to load its analytics panels, as it does in service; on
 * {@code district} the hot-area analysis is slow, so later runs share the machine with it.
 *
 * <p>Not a test: nothing is asserted (one browser, one loaded machine). The budgets are
 * 3 s and 2 MB. Run (from the repository root; the demo load alone takes about a minute idle):
 * {@code ./mvnw -q -o -pl server -am test-compile && ./mvnw -q -o -pl server dependency:build-classpath
 * -Dmdep.outputFile=target/bench.cp -DexcludeGroupIds=org.gridlens -Dmdep.includeScope=test && java -cp
 * "$(cat server/target/bench.cp):server/target/classes:server/target/test-classes:geodata/target/classes:geodata/target/test-classes:tiles/target/classes:web/target/classes"
 * org.gridlens.server.bench.WallRenderBenchmark [district|small] [runs]}; {@code -Dbench.dataDir=/path} (before {@code -cp})
 * keeps the loaded demo in a persistent private cluster there and reuses it on the next run.
 */
public final class WallRenderBenchmark {

    /** What the wall fetches before it calls itself rendered (wall.js refreshAll, core panels only). */
    static final List<String> FIRST_RENDER_URLS = List.of("/wall?carousel=off", "/api/wall/config", "/api/wall/kpis",
            "/api/regions/grid.geojson", "/api/wall/summary?days=30", "/api/wall/categories?days=30",
            "/api/wall/trend?range=24h", "/api/wall/trend?range=30d", "/api/wall/subdistricts?days=30",
            "/api/wall/latest?limit=50", "/webjars/echarts/5.5.0/echarts.min.js", "/static/js/wall.js",
            "/static/js/common.js", "/static/js/i18n.js", "/static/js/wall-early.js", "/static/css/wall.css");

    /** Renders measured right after a data change, after the cached ones. */
    static final int UNCACHED_RUNS = 3;

    public static void main(String[] args) throws Exception {
        DemoProfile profile = DemoProfile.valueOf((args.length > 0 ? args[0] : "district").toUpperCase());
        int runs = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        String dataDir = System.getProperty("bench.dataDir");
        PrivateCluster cluster = dataDir == null ? null
                : PrivateCluster.startPersistent(PostgresBinaries.locate().orElseThrow(), Path.of(dataDir), "postgres");
        try (Database db = cluster == null ? TestDatabase.freshDatabase("wallbench")
                : Database.open(cluster.target(), new PoolSettings(16, Duration.ofSeconds(5), Duration.ofSeconds(120),
                        Duration.ofSeconds(60)), null)) {
            db.migrate();
            long t0 = System.nanoTime();
            if (cluster != null && incidents(db) > (profile == DemoProfile.DISTRICT ? 900_000 : 10_000)) {
                System.out.printf("demo %s already loaded in %s (reused); %s%n", profile, dataDir, uptime());
            } else {
                new DemoLoader(db.dataSource()).load(profile, DemoLoader.DEFAULT_SEED);
                System.out.printf("demo %s loaded in %.0f s; %s%n", profile, (System.nanoTime() - t0) / 1e9, uptime());
            }
            List<String> serverArgs = new ArrayList<>(List.of("--limits.client-rps=100000"));
            // Extra server settings for a comparison run, e.g. -Dbench.serverArgs=--analytics.layers.refresh-seconds=0
            // (the analytic tile layers then do not recompute after the benchmark's data changes).
            for (String a : System.getProperty("bench.serverArgs", "").split(",")) {
                if (!a.isBlank()) {
                    serverArgs.add(a.trim());
                }
            }
            System.out.println("server settings: " + serverArgs);
            try (TestServer server = new TestServer(db, serverArgs);
                 Browser browser = new Browser(3840, 2160)) {
                String token = server.adminToken();
                List<Double> render = new ArrayList<>();
                List<Double> bytes = new ArrayList<>();
                List<Double> floor = new ArrayList<>();
                String biggest = "";
                String waterfall;
                // One unmeasured warm-up run: the JIT, the connection pool and PostgreSQL's buffers.
                for (int i = -1; i < runs; i++) {
                    floor.add(i < 0 ? 0 : fetchAll(server));
                    browser.driver().executeCdpCommand("Network.enable", Map.of());
                    browser.driver().executeCdpCommand("Network.clearBrowserCache", Map.of());
                    browser.driver().get(server.base() + "/wall?carousel=off&run=" + i + "&token=" + token);
                    browser.until(Duration.ofSeconds(120), "wall first render",
                            () -> "true".equals(browser.js("return document.body.getAttribute('data-rendered')")));
                    if (i < 0) {
                        floor.clear();
                        continue;
                    }
                    render.add(((Number) browser.js("return window.GL_WALL.firstRenderMs")).doubleValue());
                    bytes.add(((Number) browser.js("""
                            var n = performance.getEntriesByType('navigation')[0].transferSize, t = window.GL_WALL.firstRenderMs;
                            performance.getEntriesByType('resource').forEach(function (r) { if (r.startTime <= t) { n += r.transferSize; } });
                            return n;""")).doubleValue());
                    biggest = (String) browser.js("""
                            return performance.getEntriesByType('resource').filter(function (r) { return r.startTime <= window.GL_WALL.firstRenderMs; })
                              .sort(function (a, b) { return b.transferSize - a.transferSize; }).slice(0, 6)
                              .map(function (r) { return r.name.replace(location.origin, '').replace(/token=[^&]*/, 'token=…') + ' '
                                + Math.round(r.transferSize / 1024) + ' KB ' + Math.round(r.duration) + ' ms'; }).join('; ');""");
                    waterfall = (String) browser.js("""
                            var n = performance.getEntriesByType('navigation')[0], t = window.GL_WALL.firstRenderMs;
                            var out = ['page ' + Math.round(n.responseStart) + '-' + Math.round(n.responseEnd) + ' DOMContentLoaded '
                              + Math.round(n.domContentLoadedEventStart) + '-' + Math.round(n.domContentLoadedEventEnd)];
                            performance.getEntriesByType('resource').filter(function (r) { return r.startTime <= t; })
                              .sort(function (a, b) { return a.startTime - b.startTime; })
                              .forEach(function (r) { out.push(r.name.replace(location.origin, '').replace(/[?&]token=[^&]*/, '') + ' '
                                + Math.round(r.startTime) + '-' + Math.round(r.responseStart) + '-' + Math.round(r.responseEnd)); });
                            performance.getEntriesByType('mark').forEach(function (m) { out.push('mark ' + m.name + ' ' + Math.round(m.startTime)); });
                            out.push('rendered ' + Math.round(t));
                            return out.join('\\n  ');""");
                    System.out.println("run " + i + " waterfall (start-firstByte-end ms):\n  " + waterfall);
                }
                System.out.printf("FIGURE wall first complete render at 3840x2160 (%s demo, cold browser cache): median %.0f ms %s%n",
                        profile.name().toLowerCase(), median(render), render);
                System.out.printf("FIGURE floor: the same %d first-render URLs fetched in parallel by a bare HTTP client: median %.0f ms;"
                        + " render / floor = %.2f%n", FIRST_RENDER_URLS.size(), median(floor), median(render) / median(floor));
                System.out.printf("FIGURE wall bytes transferred for the first render (%s demo): median %.0f bytes (%.2f MB)%n",
                        profile.name().toLowerCase(), median(bytes), median(bytes) / 1e6);
                System.out.println("FIGURE largest first-render resources: " + biggest);
                // First opens after a data change: the wall's answers are cached per data version, so a wall
                // opened right after an incident changed computes them again. Before each such run the data
                // version is moved (a status written back unchanged fires the same triggers as a real change);
                // its floor is the bare client's fetch right after its own move of the version.
                List<Double> uncached = new ArrayList<>();
                List<Double> uncachedFloor = new ArrayList<>();
                for (int k = 0; k < UNCACHED_RUNS; k++) {
                    touchOneIncident(db);
                    uncachedFloor.add(fetchAll(server));
                    touchOneIncident(db);
                    browser.driver().executeCdpCommand("Network.clearBrowserCache", Map.of());
                    browser.driver().get(server.base() + "/wall?carousel=off&uncached=" + k + "&token=" + token);
                    browser.until(Duration.ofSeconds(120), "wall first render after a data change",
                            () -> "true".equals(browser.js("return document.body.getAttribute('data-rendered')")));
                    uncached.add(((Number) browser.js("return window.GL_WALL.firstRenderMs")).doubleValue());
                }
                System.out.printf("FIGURE wall first complete render right after a data change (uncached answers, %s demo):"
                                + " median %.0f ms %s; floor (bare client right after a change) median %.0f ms %s; render / floor = %.2f; %s%n",
                        profile.name().toLowerCase(), median(uncached), uncached, median(uncachedFloor), uncachedFloor,
                        median(uncached) / median(uncachedFloor), uptime());
                // Each first-render URL alone, one after another: the server's time for it with nothing else running.
                StringBuilder alone = new StringBuilder();
                for (String u : FIRST_RENDER_URLS) {
                    List<Double> ms = new ArrayList<>();
                    for (int k = 0; k < 3; k++) {
                        long s0 = System.nanoTime();
                        server.send(server.request(u).header("Accept-Encoding", "gzip").build(), HttpResponse.BodyHandlers.ofByteArray());
                        ms.add((System.nanoTime() - s0) / 1e6);
                    }
                    alone.append(String.format("%n  %-45s %6.0f ms", u, median(ms)));
                }
                System.out.println("FIGURE server time per first-render URL, alone (median of 3):" + alone);
                // The same, each right after a data change: which answer a wall opened after a change waits for.
                StringBuilder afterChange = new StringBuilder();
                for (String u : FIRST_RENDER_URLS) {
                    touchOneIncident(db);
                    long s0 = System.nanoTime();
                    server.send(server.request(u).header("Accept-Encoding", "gzip").build(), HttpResponse.BodyHandlers.ofByteArray());
                    afterChange.append(String.format("%n  %-45s %6.0f ms", u, (System.nanoTime() - s0) / 1e6));
                }
                System.out.println("FIGURE server time per first-render URL, alone, right after a data change (one each):" + afterChange);
                // The summary is cached per window and data version: a window not asked for before shows its
                // uncached cost (the measured runs above were served from the cache the warm-up run filled).
                double[] summaryMs = new double[2];
                for (int k = 0; k < 2; k++) {
                    long s0 = System.nanoTime();
                    server.send(server.request("/api/wall/summary?days=29").header("Accept-Encoding", "gzip").build(),
                            HttpResponse.BodyHandlers.ofByteArray());
                    summaryMs[k] = (System.nanoTime() - s0) / 1e6;
                }
                System.out.printf("FIGURE /api/wall/summary?days=29: first ask (computed) %.0f ms, repeat (from the cache) %.0f ms%n",
                        summaryMs[0], summaryMs[1]);
                long t = System.nanoTime();
                HttpResponse<byte[]> b = server.send(server.request("/api/wall/buildings").header("Accept-Encoding", "gzip").build(),
                        HttpResponse.BodyHandlers.ofByteArray());
                System.out.printf("FIGURE buildings layer (loaded on demand, not in the first render): %d bytes as sent (%s), %.0f ms%n",
                        b.body().length, b.headers().firstValue("Content-Encoding").orElse("identity"), (System.nanoTime() - t) / 1e6);
                System.out.println("FIGURE load: " + uptime());
                Path dir = Path.of("target", "screenshots");
                Files.createDirectories(dir);
                try {
                    browser.screenshot(dir.resolve("wall-3840x2160-" + profile.name().toLowerCase() + ".png"));
                } catch (org.openqa.selenium.WebDriverException e) {
                    System.out.println("no screenshot (the renderer did not answer in time on the loaded machine): " + e.getMessage().lines().findFirst().orElse(""));
                }
            }
        } finally {
            if (cluster != null) {
                cluster.close();
            }
        }
    }

    /** Moves the analytics data version as a status change does, without changing any data. */
    private static void touchOneIncident(Database db) throws java.sql.SQLException {
        try (java.sql.Connection c = db.dataSource().getConnection(); java.sql.Statement s = c.createStatement()) {
            s.executeUpdate("UPDATE incident SET status = status WHERE id = (SELECT min(id) FROM incident)");
        }
    }

    private static long incidents(Database db) throws java.sql.SQLException {
        try (java.sql.Connection c = db.dataSource().getConnection(); java.sql.Statement s = c.createStatement();
             java.sql.ResultSet rs = s.executeQuery("SELECT count(*) FROM incident")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** Fetches every first-render URL in parallel, as the browser does, with gzip accepted: elapsed ms. */
    static double fetchAll(TestServer server) {
        long t = System.nanoTime();
        List<CompletableFuture<HttpResponse<byte[]>>> all = new ArrayList<>();
        for (String u : FIRST_RENDER_URLS) {
            all.add(CompletableFuture.supplyAsync(() -> server.send(server.request(u).header("Accept-Encoding", "gzip").build(),
                    HttpResponse.BodyHandlers.ofByteArray())));
        }
        all.forEach(f -> {
            if (f.join().statusCode() != 200) {
                throw new IllegalStateException("floor fetch answered " + f.join().statusCode() + " for " + f.join().uri());
            }
        });
        return (System.nanoTime() - t) / 1e6;
    }

    static String uptime() {
        try {
            return new String(new ProcessBuilder("uptime").start().getInputStream().readAllBytes()).trim();
        } catch (java.io.IOException e) {
            return "uptime unavailable: " + e.getMessage();
        }
    }

    static double median(List<Double> xs) {
        List<Double> s = new ArrayList<>(xs);
        s.sort(null);
        return s.get(s.size() / 2);
    }

    private WallRenderBenchmark() {
    }
}
