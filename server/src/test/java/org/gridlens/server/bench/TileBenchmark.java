package org.gridlens.server.bench;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.gridlens.geodata.db.Database;
import org.gridlens.geodata.db.DatabaseProvisioner;
import org.gridlens.geodata.db.ProvisionedDatabase;
import org.gridlens.server.GridLensApp;
import org.gridlens.server.GridLensMetrics;
import org.gridlens.server.config.ConfigLoader;
import org.gridlens.server.config.GridLensConfig;
import org.gridlens.tiles.TileCoord;
import org.gridlens.tiles.layer.LayerCatalog;
import org.gridlens.tiles.layer.LayerDefinition;
import org.gridlens.tiles.render.TileQuery;

/**
 * Tile benchmark on whatever demo is loaded in the configured database (flags as for the server, e.g.
 * {@code --db.data-dir=...}). Prints, for one run on this machine:
 * <ol>
 *   <li>uncached tile latency over HTTP (cache off, median of 3 per tile, one kept-alive socket: {@link #get}) against the same ST_AsMVT SQL
 *       run by pgbench (the database floor), on a sample of the tile set: median of per-tile ratios;</li>
 *   <li>the slowest uncached incident or heat tile at z8-z12 (all such tiles of the district);</li>
 *   <li>filtered incident and heat tiles at z8-z10 ({@link #FILTERS}; not part of the goal set);</li>
 *   <li>cached throughput with wrk against nginx serving the same bytes from a file, same concurrency;</li>
 *   <li>peak heap used while it ran.</li>
 * </ol>
 * Tile set: all z8-z12 tiles of the district for incident and heat, plus 500 seeded tiles z10-z17 inside
 * the district over a mix of layers.
 */
public final class TileBenchmark {

    static final String[] LAYERS = {"grid", "incident", "heat", "building", "parcel", "unit_cell", "population", "camera_sector"};
    /** Filters a manager sets on low-zoom incident and heat tiles (the demo's commonest category, status, source). */
    static final List<String> FILTERS = List.of("category=0504", "category=0504,0501,0101", "status=closed", "source=camera",
            "status=closed&category=0504&from=2026-01-01&to=2026-07-01");
    static final AtomicLong peakHeap = new AtomicLong();
    static final Map<String, KeepAliveClient> clients = new java.util.concurrent.ConcurrentHashMap<>();
    /** A wall token: incident and heat tiles need a signed-in reader. */
    static String token;

    record Tile(String layer, TileCoord t) {
        String path() {
            return "/tiles/" + layer + "/" + t.z() + "/" + t.x() + "/" + t.y() + ".mvt";
        }
    }

    public static void main(String[] args) {
        try {
            run(args);
            System.exit(0);
        } catch (Throwable e) {
            e.printStackTrace();
            System.exit(1);
        }
    }

    static void run(String[] args) throws Exception {
        Thread sampler = new Thread(() -> {
            while (true) {
                peakHeap.accumulateAndGet(ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed(), Math::max);
                try {
                    Thread.sleep(50);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
        sampler.setDaemon(true);
        sampler.start();
        List<String> flags = new ArrayList<>(List.of(args));
        GridLensConfig config = ConfigLoader.load(flags, Map.of());
        try (ProvisionedDatabase provisioned = new DatabaseProvisioner(config.database()).provision()) {
            PrometheusMeterRegistry metrics = GridLensMetrics.create();
            Database db = Database.open(provisioned.target(), config.pool(), metrics);
            db.migrate();
            token = org.gridlens.server.testing.TestServer.issue(db, "tile-benchmark-" + System.nanoTime(),
                    org.gridlens.geodata.security.Role.WALL);
            // The benchmark is one client: the per-client rate limit would otherwise answer 429.
            flags.add("--limits.client-rps=1000000");
            double[] ext = extent(db);
            long incidents = scalar(db, "SELECT count(*) FROM incident");
            System.out.printf("load average at start: %s%n", loadAverage());
            System.out.printf("data: %d incidents, district extent %.4f,%.4f,%.4f,%.4f%n", incidents, ext[0], ext[1], ext[2], ext[3]);
            List<Tile> lowZoom = new ArrayList<>();
            for (int z = 8; z <= 12; z++) {
                for (TileCoord t : covering(z, ext)) {
                    lowZoom.add(new Tile("incident", t));
                    lowZoom.add(new Tile("heat", t));
                }
            }
            Random rnd = new Random(20261126L);
            List<Tile> seeded = new ArrayList<>();
            for (int i = 0; i < 500; i++) {
                int z = 10 + rnd.nextInt(8);
                double lon = ext[0] + rnd.nextDouble() * (ext[2] - ext[0]);
                double lat = ext[1] + rnd.nextDouble() * (ext[3] - ext[1]);
                seeded.add(new Tile(LAYERS[rnd.nextInt(LAYERS.length)], at(z, lon, lat)));
            }
            List<Tile> all = new ArrayList<>(lowZoom);
            all.addAll(seeded);
            System.out.printf("tile set: %d low-zoom incident/heat tiles (z8-12) + %d seeded tiles z10-17%n", lowZoom.size(), seeded.size());

            // 1 + 2: uncached latency, cache off.
            List<String> uncachedFlags = new ArrayList<>(flags);
            uncachedFlags.addAll(List.of("--http.port=0", "--tiles.cache-mb=0", "--tiles.last-good-mb=0", "--tiles.change-feed=false",
                    "--tiles.statement-timeout-ms=60000"));
            var uncached = new GridLensApp(ConfigLoader.load(uncachedFlags, Map.of()), db, metrics).javalin().start();
            String base = "http://127.0.0.1:" + uncached.port();
            for (Tile t : all.subList(0, Math.min(20, all.size()))) {
                get(base + t.path());
            }
            double slowestLow = 0;
            Tile slowestTile = lowZoom.get(0);
            List<Double> allMs = new ArrayList<>(List.of(0.0));
            int largest = 0;
            // -Dbench.skipFull=true skips the full latency pass (the pgbench and wrk phases still run).
            for (int i = 0; i < (Boolean.getBoolean("bench.skipFull") ? 0 : all.size()); i++) {
                Tile t = all.get(i);
                largest = Math.max(largest, get(base + t.path()).length);
                double ms = median(List.of(timeMs(base + t.path()), timeMs(base + t.path()), timeMs(base + t.path())));
                allMs.add(ms);
                if (i % 50 == 0 || i == lowZoom.size() - 1) {
                    System.out.printf("  %d/%d tiles timed, last %s %.1f ms%n", i + 1, all.size(), t.path(), ms);
                }
                if (lowZoom.contains(t) && ms > slowestLow) {
                    slowestLow = ms;
                    slowestTile = t;
                }
            }
            System.out.printf("uncached HTTP latency over all %d tiles: median %.2f ms, p95 %.2f ms; largest tile %d bytes%n",
                    all.size(), median(allMs), pct(allMs, 0.95), largest);
            System.out.printf("slowest uncached incident/heat tile z8-12: %.1f ms (%s)%n", slowestLow, slowestTile.path());

            // Filtered low-zoom tiles (not part of the goal set): a manager's category, status or source filter
            // on incident and heat at z8-10. The first request of each filter and zoom also pays heat's
            // district maximum; then each tile is timed as the slower of 2 (-Dbench.skipFiltered=true skips this).
            for (String filter : Boolean.getBoolean("bench.skipFiltered") ? List.<String>of() : FILTERS) {
                double worstFirst = 0;
                double worstMedian = 0;
                String worstTile = "";
                List<Double> medians = new ArrayList<>();
                for (Tile t : lowZoom) {
                    if (t.t().z() > 10) {
                        continue;
                    }
                    String url = base + t.path() + "?" + filter;
                    worstFirst = Math.max(worstFirst, timeMs(url));
                    double ms = Math.max(timeMs(url), timeMs(url));
                    medians.add(ms);
                    if (ms > worstMedian) {
                        worstMedian = ms;
                        worstTile = t.path();
                    }
                }
                System.out.printf("filtered low-zoom tiles z8-10 ?%s (%d incident/heat tiles, slower of 2): median %.1f ms, slowest %.1f ms (%s),"
                        + " slowest first request %.1f ms (load %s)%n", filter, medians.size(), median(medians), worstMedian,
                        worstTile, worstFirst, loadAverage());
            }

            // pgbench floor on a sample (every 10th tile of the set), same SQL with the values written in, run
            // as a prepared statement under the same plan_cache_mode as the server. Three interleaved rounds
            // (pgbench then ours, tile by tile), a median ratio per round and the median of those.
            LayerCatalog catalog = LayerCatalog.standard();
            Path dir = Files.createTempDirectory("gridlens-bench");
            List<Tile> sample = new ArrayList<>();
            List<Path> scripts = new ArrayList<>();
            for (int i = 0; i < all.size(); i += 10) {
                Tile t = all.get(i);
                LayerDefinition d = catalog.find(t.layer()).orElseThrow();
                var band = d.band(t.t().z());
                if (band.isEmpty()) {
                    continue;
                }
                double max = band.get().normalised() ? districtMax(db, band.get(), t.t()) : 0;
                String sql = literal(TileQuery.of(d.id(), band.get()).sql(), t.t(), max);
                Path f = dir.resolve("tile" + i + ".sql");
                // pgbench reads ':name' as a variable: the time format's colons are swapped for '.' (same work).
                // The script is the statement alone; the plan cache mode is a session option (PGOPTIONS), as
                // in the server's tile pool, so the floor pays no per-transaction SET either.
                Files.writeString(f, sql.strip().replace("HH24:MI:SS", "HH24.MI.SS") + ";\n");
                sample.add(t);
                scripts.add(f);
            }
            List<Double> roundRatios = new ArrayList<>();
            for (int round = 0; round < 3; round++) {
                List<Double> ratios = new ArrayList<>();
                List<Double> floorMs = new ArrayList<>();
                List<Double> oursMs = new ArrayList<>();
                for (int i = 0; i < sample.size(); i++) {
                    Tile t = sample.get(i);
                    double floor = pgbench(provisioned, scripts.get(i));
                    double ours = median(List.of(timeMs(base + t.path()), timeMs(base + t.path()), timeMs(base + t.path()),
                            timeMs(base + t.path()), timeMs(base + t.path())));
                    floorMs.add(floor);
                    oursMs.add(ours);
                    ratios.add(ours / floor);
                }
                roundRatios.add(median(ratios));
                System.out.printf("uncached vs pgbench, round %d, %d sampled tiles: median ours %.2f ms, median pgbench %.2f ms,"
                        + " median ratio %.2f (load %s)%n", round + 1, ratios.size(), median(oursMs), median(floorMs), median(ratios), loadAverage());
            }
            System.out.printf("uncached vs pgbench: median of the 3 rounds' median ratios %.2f %s%n", median(roundRatios), roundRatios);
            uncached.stop();

            // 3: cached throughput against nginx serving the same bytes (-Dbench.skipCached=true skips it).
            if (Boolean.getBoolean("bench.skipCached")) {
                System.out.printf("peak heap used: %d MiB (max heap %d MiB); cached phase skipped%n", peakHeap.get() >> 20,
                        Runtime.getRuntime().maxMemory() >> 20);
                db.close();
                return;
            }
            List<String> cachedFlags = new ArrayList<>(flags);
            cachedFlags.addAll(List.of("--http.port=0", "--tiles.change-feed=false"));
            var cached = new GridLensApp(ConfigLoader.load(cachedFlags, Map.of()), db, metrics).javalin().start();
            String cbase = "http://127.0.0.1:" + cached.port();
            Tile probe = new Tile("grid", at(14, (ext[0] + ext[2]) / 2, (ext[1] + ext[3]) / 2));
            byte[] bytes = get(cbase + probe.path());
            for (Tile t : all) {
                get(cbase + t.path());
            }
            Path root = dir.resolve("www");
            Path file = root.resolve(probe.path().substring(1));
            Files.createDirectories(file.getParent());
            Files.write(file, bytes);
            int ngPort = 20000 + new Random().nextInt(20000);
            Path conf = dir.resolve("nginx.conf");
            Files.writeString(conf, """
                    user root;
                    worker_processes 2;
                    daemon off;
                    pid %s/nginx.pid;
                    error_log %s/error.log;
                    events { worker_connections 1024; }
                    http {
                      access_log off;
                      client_body_temp_path %s;
                      server {
                        listen 127.0.0.1:%d;
                        root %s;
                        location / { default_type application/vnd.mapbox-vector-tile; }
                      }
                    }
                    """.formatted(dir, dir, dir, ngPort, root));
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
            Process nginx = new ProcessBuilder("nginx", "-c", conf.toString(), "-p", dir.toString()).redirectErrorStream(true)
                    .redirectOutput(dir.resolve("nginx.out").toFile()).start();
            Thread.sleep(1000);
            // Two more floors in the same run, serving the same bytes: Jetty with one bare handler, and Javalin
            // with one bare route (the HTTP stack GridLens runs on, without GridLens's own per-request work).
            org.eclipse.jetty.server.Server jetty = new org.eclipse.jetty.server.Server();
            org.eclipse.jetty.server.ServerConnector connector = new org.eclipse.jetty.server.ServerConnector(jetty);
            connector.setHost("127.0.0.1");
            jetty.addConnector(connector);
            jetty.setHandler(new org.eclipse.jetty.server.Handler.Abstract() {
                @Override
                public boolean handle(org.eclipse.jetty.server.Request req, org.eclipse.jetty.server.Response res,
                                      org.eclipse.jetty.util.Callback callback) {
                    res.getHeaders().put("Content-Type", "application/vnd.mapbox-vector-tile");
                    res.write(true, java.nio.ByteBuffer.wrap(bytes), callback);
                    return true;
                }
            });
            jetty.start();
            var bare = io.javalin.Javalin.create(c -> {
                c.jetty.host = "127.0.0.1";
                c.jetty.port = 0;
                c.startup.showJavalinBanner = false;
                c.routes.get("/tile.mvt", ctx -> ctx.contentType("application/vnd.mapbox-vector-tile").result(bytes));
            }).start();
            List<Double> ng = new ArrayList<>();
            List<Double> raw = new ArrayList<>();
            List<Double> jav = new ArrayList<>();
            List<Double> ours = new ArrayList<>();
            for (int round = 0; round < 3; round++) { // interleaved, medians: the machine is noisy
                ng.add(wrk("http://127.0.0.1:" + ngPort + probe.path()));
                raw.add(wrk("http://127.0.0.1:" + connector.getLocalPort() + "/tile.mvt"));
                jav.add(wrk("http://127.0.0.1:" + bare.port() + "/tile.mvt"));
                ours.add(wrk(cbase + probe.path()));
            }
            nginx.destroy();
            nginx.waitFor(5, TimeUnit.SECONDS);
            jetty.stop();
            bare.stop();
            double ngRate = median(ng);
            double ourRate = median(ours);
            System.out.printf("cached throughput (wrk -t2 -c32 -d10s, %d-byte tile, medians of 3): GridLens %.0f req/s, nginx %.0f req/s,"
                    + " ratio %.2f; floors: bare Jetty handler %.0f req/s (%.2f of nginx), bare Javalin route %.0f req/s (%.2f of nginx);"
                    + " GridLens / bare Javalin %.2f%n", bytes.length, ourRate, ngRate, ourRate / ngRate, median(raw),
                    median(raw) / ngRate, median(jav), median(jav) / ngRate, ourRate / median(jav));
            System.out.printf("load average now: %s%n", loadAverage());
            cached.stop();
            System.out.printf("peak heap used: %d MiB (max heap %d MiB)%n", peakHeap.get() >> 20,
                    Runtime.getRuntime().maxMemory() >> 20);
            db.close();
        }
    }

    static String loadAverage() throws IOException {
        return Files.readString(Path.of("/proc/loadavg")).strip();
    }

    static double[] extent(Database db) throws Exception {
        try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT ST_XMin(e), ST_YMin(e), ST_XMax(e), ST_YMax(e) FROM (SELECT ST_Extent(geom) e FROM region WHERE level = 'district') x")) {
            rs.next();
            return new double[] {rs.getDouble(1), rs.getDouble(2), rs.getDouble(3), rs.getDouble(4)};
        }
    }

    static long scalar(Database db, String sql) throws Exception {
        try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    static double districtMax(Database db, org.gridlens.tiles.layer.LayerBand band, TileCoord t) throws Exception {
        try (Connection c = db.dataSource().getConnection()) {
            return new org.gridlens.tiles.render.DistrictMaximum().of(c, band, t, org.gridlens.tiles.filter.TileFilter.NONE, 0);
        }
    }

    /** The tile SQL with its ten parameters written in as literals (benchmark only; values are ours, not a request's). */
    static String literal(String sql, TileCoord t, double max) {
        String[] values = {String.valueOf(t.z()), String.valueOf(t.x()), String.valueOf(t.y()), "NULL", "NULL", "NULL", "NULL", "NULL",
            "0", String.valueOf(max)};
        StringBuilder sb = new StringBuilder();
        int k = 0;
        for (char ch : sql.toCharArray()) {
            if (ch == '?') {
                sb.append(values[k++]);
            } else {
                sb.append(ch);
            }
        }
        return sb.toString();
    }

    static double pgbench(ProvisionedDatabase p, Path script) throws Exception {
        Matcher m = Pattern.compile("jdbc:postgresql://([^:/]+):(\\d+)/([^?]+)").matcher(p.target().jdbcUrl());
        if (!m.find()) {
            throw new IllegalStateException("cannot read host/port from " + p.target().redactedUrl());
        }
        // 20 transactions: the first plans the statement (as the server's first use on a connection does).
        ProcessBuilder pb = new ProcessBuilder("pgbench", "-n", "-t", "20", "-c", "1", "-M", "prepared", "-f", script.toString(),
                "-h", m.group(1), "-p", m.group(2), "-U", p.target().user(), m.group(3)).redirectErrorStream(true);
        pb.environment().put("PGPASSWORD", p.target().password());
        pb.environment().put("PGOPTIONS", "-c plan_cache_mode=force_generic_plan");
        Process proc = pb.start();
        String out = new String(proc.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        proc.waitFor();
        Matcher lat = Pattern.compile("latency average = ([0-9.]+) ms").matcher(out);
        if (!lat.find()) {
            throw new IllegalStateException("pgbench (apt-get install postgresql-client) failed: " + out);
        }
        return Double.parseDouble(lat.group(1));
    }

    static double wrk(String url) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("wrk", "-t2", "-c32", "-d10s", url).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor();
        Matcher m = Pattern.compile("Requests/sec:\\s+([0-9.]+)").matcher(out);
        if (!m.find()) {
            throw new IllegalStateException("wrk (apt-get install wrk) failed: " + out);
        }
        if (out.contains("Non-2xx")) {
            throw new IllegalStateException("wrk saw errors: " + out);
        }
        return Double.parseDouble(m.group(1));
    }

    /**
     * GETs a tile with the wall token over one kept-alive socket per server ({@link KeepAliveClient}): a
     * client as lean as pgbench's libpq, so the latency ratio compares the servers, not the clients.
     */
    static byte[] get(String url) throws Exception {
        URI u = URI.create(url);
        KeepAliveClient client = clients.computeIfAbsent(u.getScheme() + "://" + u.getRawAuthority(),
                b -> new KeepAliveClient(URI.create(b), "Bearer " + token));
        KeepAliveClient.Response r = client.get(u.getRawPath() + (u.getRawQuery() == null ? "" : "?" + u.getRawQuery()));
        if (r.status() != 200) {
            throw new IllegalStateException(url + " answered " + r.status() + ": " + r.body());
        }
        return r.bytes();
    }

    static double timeMs(String url) throws Exception {
        long t0 = System.nanoTime();
        get(url);
        return (System.nanoTime() - t0) / 1e6;
    }

    static double median(List<Double> xs) {
        return pct(xs, 0.5);
    }

    static double pct(List<Double> xs, double q) {
        List<Double> s = new ArrayList<>(xs);
        Collections.sort(s);
        return s.get((int) Math.min(s.size() - 1, Math.floor(q * (s.size() - 1) + 0.5)));
    }

    static TileCoord at(int z, double lon, double lat) {
        return TileCoord.containing(z, lon, lat);
    }

    static List<TileCoord> covering(int z, double[] e) {
        TileCoord nw = at(z, e[0], e[3]);
        TileCoord se = at(z, e[2], e[1]);
        List<TileCoord> out = new ArrayList<>();
        for (int x = nw.x(); x <= se.x(); x++) {
            for (int y = nw.y(); y <= se.y(); y++) {
                out.add(new TileCoord(z, x, y));
            }
        }
        return out;
    }
}
