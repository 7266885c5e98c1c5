package org.gridlens.server.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.gridlens.geodata.db.Database;
import org.gridlens.geodata.db.PoolSettings;
import org.gridlens.geodata.db.PostgresBinaries;
import org.gridlens.geodata.db.PrivateCluster;
import org.gridlens.geodata.demo.DemoLoader;
import org.gridlens.geodata.demo.DemoProfile;
import org.gridlens.server.live.LiveFixture;
import org.gridlens.server.testing.TestServer;

/**
 * Intake benchmark: a Java load client against the real server on a throwaway cluster.
 *
 * <ol>
 *   <li>single-report intake, {@code clients} concurrent clients for {@code seconds}: records/s, p50/p99;
 *       while {@code displays} SSE clients listen, commit→event latency (acknowledgement received →
 *       incident.created arrived at every display): p50/p99;</li>
 *   <li>batch intake, batches of 10,000: records/s;</li>
 *   <li>floors: the same number of rows by one bare {@code INSERT … SELECT} over JDBC (same triggers,
 *       indexes): rows/s, and the ratio batch / floor; and the same statement without triggers and foreign
 *       keys, so the difference is what the triggers cost per row;</li>
 *   <li>the table's own ceiling: {@code COPY} of the same rows already typed and placed, triggers off, one
 *       session and two in parallel, printed against the 50,000 records/s goal.</li>
 * </ol>
 * The single phase is preceded by uncounted 5-s rounds of the same load until the JIT settled (see
 * {@code run}) and is followed by its CPU split ({@link CpuSampler}: JVM threads by name, the cluster's
 * PostgreSQL processes, the rest of the machine), so every run says where the cores went.
 * Reports are spread like real traffic: over the four sources, every incident category (leaf of the code
 * list), the unit cells and the last three days. The load clients speak plain HTTP/1.1 over one keep-alive
 * socket each ({@link KeepAliveClient}) and the displays read the event stream over plain sockets
 * ({@link DisplayClient}), so their own CPU (on the same cores) stays small.
 * Data: the {@code district} demo (600 grids, 11,998 cells, 1,000,000 incidents), loaded into a fresh
 * database first (about a minute); a 5th argument {@code small} uses the 4-cell test district instead.
 * Report locations cycle over interior points of all unit cells. {@code -Dbench.dataDir=/path} keeps the
 * cluster (and the loaded demo) between runs, for profiling; {@code -Dbench.serverArgs="--k=v …"} adds server options
 * (e.g. {@code --intake.writers=1}); {@code -Dbench.holdSeconds=n} pauses after
 * loading and prints how to connect (psql, EXPLAIN ANALYZE).
 * Run: {@code ./mvnw -q -pl server -am test-compile && java -cp "$(cat server/target/bench.cp):server/target/classes:server/target/test-classes:geodata/target/classes:geodata/target/test-classes:tiles/target/classes:web/target/classes" org.gridlens.server.bench.IntakeBenchmark [seconds] [clients] [displays] [batches] [district|small]}
 * (see the README for the exact command).
 */
public final class IntakeBenchmark {

    /** Distinguishes this run's source ids from earlier runs' (a reused database keeps their rows). */
    private static final String RUN = Long.toString(System.currentTimeMillis(), 36);
    /** Numbers the load phases of this run, so each phase's source ids and client names are new. */
    private static final AtomicInteger PHASE = new AtomicInteger();

    private static long incidents(Database db) throws Exception {
        try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement();
             java.sql.ResultSet rs = s.executeQuery("SELECT count(*) FROM incident")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** lon, lat, lon, lat, … of points inside the unit cells, spread over the district. */
    private static double[] points;

    private static double[] points(Database db) throws Exception {
        List<Double> xy = new ArrayList<>();
        try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement();
             java.sql.ResultSet rs = s.executeQuery(
                     """
                     SELECT ST_X(p), ST_Y(p) FROM (SELECT ST_PointOnSurface(geom) p FROM unit_cell ORDER BY id) q
                     WHERE ST_Covers((SELECT ST_Union(geom) FROM region WHERE level = 'district'), p)""")) {
            while (rs.next()) {
                xy.add(rs.getDouble(1));
                xy.add(rs.getDouble(2));
            }
        }
        double[] out = new double[xy.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = xy.get(i);
        }
        return out;
    }

    /** Leaf categories of incidents (not service orders, which need a household): reports spread over them. */
    private static String[] categories;
    private static final String[] SOURCES = {"hotline", "grid_worker", "camera", "resident_app"};

    private static String[] categories(Database db) throws Exception {
        List<String> out = new ArrayList<>();
        try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement();
             java.sql.ResultSet rs = s.executeQuery("""
                     SELECT code FROM category c WHERE kind <> 'service' AND code NOT LIKE 'S%'
                       AND NOT EXISTS (SELECT 1 FROM category k WHERE k.parent_code = c.code) ORDER BY code""")) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
        }
        return out.toArray(new String[0]);
    }

    /** Report i's category: spread like real traffic, so writers do not all add to the same roll-up rows. */
    private static String category(int i) {
        return categories[(int) ((i * 104_729L) % categories.length)];
    }

    /** Report i's time: spread over the last three days (whole minutes), as reports arrive late and out of order. */
    private static Instant reportedAt(Instant now, int i) {
        return now.minusSeconds(60 + 60 * ((i * 15_485_863L) % (3 * 24 * 60)));
    }

    private static double lon(int i) {
        return points[2 * (int) ((i * 7919L) % (points.length / 2))];
    }

    private static double lat(int i) {
        return points[2 * (int) ((i * 7919L) % (points.length / 2)) + 1];
    }

    static String loadAverage() {
        try {
            return java.nio.file.Files.readString(java.nio.file.Path.of("/proc/loadavg")).trim();
        } catch (java.io.IOException e) {
            return "unknown";
        }
    }

    public static void main(String[] args) {
        int status = 0;
        try {
            run(args);
        } catch (Exception e) {
            e.printStackTrace();
            status = 1;
        }
        // The load clients' and displays' thread pools are not daemons: end the JVM here, also after a failure.
        System.exit(status);
    }

    private static void run(String[] args) throws Exception {
        int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 20;
        int clients = args.length > 1 ? Integer.parseInt(args[1]) : 32;
        int displays = args.length > 2 ? Integer.parseInt(args[2]) : 50;
        int batches = args.length > 3 ? Integer.parseInt(args[3]) : 5;
        boolean district = args.length <= 4 || !args[4].equals("small");
        String dataDir = System.getProperty("bench.dataDir");
        PrivateCluster cluster = dataDir == null
                ? PrivateCluster.startThrowaway(PostgresBinaries.locate().orElseThrow(), "postgres")
                : PrivateCluster.startPersistent(PostgresBinaries.locate().orElseThrow(), java.nio.file.Path.of(dataDir), "postgres");
        try (Database db = Database.open(cluster.target(), new PoolSettings(16, Duration.ofSeconds(5), Duration.ofSeconds(120),
                Duration.ofSeconds(60)), null)) {
            db.migrate();
            if (district && dataDir != null && incidents(db) > 900_000) {
                System.out.println("district demo already loaded in " + dataDir + " (reused)");
            } else if (district) {
                long t0 = System.nanoTime();
                new DemoLoader(db.dataSource()).load(DemoProfile.DISTRICT, DemoLoader.DEFAULT_SEED);
                System.out.printf("district demo loaded in %.0f s%n", (System.nanoTime() - t0) / 1e9);
            } else {
                LiveFixture.insert(db.dataSource());
            }
            points = points(db);
            categories = categories(db);
            long hold = Long.getLong("bench.holdSeconds", 0);
            if (hold > 0) { // for profiling by hand (psql, EXPLAIN ANALYZE) against the loaded database
                System.out.println("holding " + hold + " s: " + cluster.target().jdbcUrl() + " user " + cluster.target().user()
                        + " password " + cluster.target().password());
                Thread.sleep(hold * 1000);
            }
            System.out.printf("%d report locations (unit-cell interior points inside the district), %d categories, times over 3 days,"
                    + " load average %s%n", points.length / 2, categories.length, loadAverage());
            commitFloor(db, 1);
            commitFloor(db, 8);
            List<String> serverArgs = new ArrayList<>(List.of("--events.max-clients=1000",
                    // The analytic tile layers' background refresh (hot spots, hot areas, coverage: tens of CPU seconds
                    // on the district, once a minute while data changes) is another component's load: off here, so
                    // the figures are intake's own. Its first run after start-up alone took 18-27 s at load 13.
                    "--analytics.layers.refresh-seconds=0",
                    // A 10,000-report batch is one INSERT statement; the default 5 s intake statement limit cancels it
                    // when the shared machine is loaded (it did at load average 13), leaving no batch figure at all.
                    "--limits.intake-statement-timeout-ms=60000"));
            // More server options for comparisons in one session, e.g. -Dbench.serverArgs=--intake.writers=1
            for (String a : System.getProperty("bench.serverArgs", "").split(" ")) {
                if (!a.isBlank()) {
                    serverArgs.add(a);
                }
            }
            System.out.println("server options: " + serverArgs);
            try (TestServer server = new TestServer(db, serverArgs)) {
                // Sustained means steady state: the server's JIT compilers take CPU long after start-up (C2 still took
                // 32-46 % of a core in a measured phase after 30 s of this load: about 500 methods compiled at tier 4
                // in it, no deoptimisation loop, just a large code base compiled slowly on saturated cores). So the
                // same load runs first, uncounted, in 5-s rounds until two consecutive rates agree within 10 % and
                // the compiler threads used under 10 % of a core in the last round (at most bench.warmupSeconds,
                // default 150).
                int warmupCap = Integer.getInteger("bench.warmupSeconds", 150);
                CpuSampler sampler = new CpuSampler(cluster.dataDir());
                double previous = Double.NaN;
                for (int spent = 0; spent < warmupCap; spent += 5) {
                    CpuSampler.Snapshot t0 = sampler.take();
                    // With the displays: the event stream's code must be compiled before the measured phase too.
                    double rate = single(server, db, 5, clients, displays, "warm-up " + (spent / 5 + 1) + ", not counted", null);
                    double jit = CpuSampler.compilers(t0, sampler.take());
                    System.out.printf("  JIT compiler threads in that round: %.0f %% of a core%n", jit);
                    if (Math.abs(rate - previous) <= 0.1 * previous && jit < 10) {
                        break;
                    }
                    previous = rate;
                }
                single(server, db, seconds, clients, displays, "single intake", sampler);
                double batchRate = batch(server, batches);
                double floor = floor(db, batches, true);
                System.out.printf("floor (bare INSERT ... SELECT of 10,000 rows with grid and cell known, same table and"
                        + " triggers): %.0f rows/s; batch intake / floor = %.2f%n", floor, batchRate / floor);
                double bare = floor(db, batches, false);
                System.out.printf("floor without triggers (the same INSERT ... SELECT with session_replication_role = replica:"
                        + " no triggers, no foreign-key checks; rolled back): %.0f rows/s; the triggers cost %.0f us per row%n", bare,
                        1e6 / floor - 1e6 / bare);
                int rows = 10_000 * Math.max(1, batches);
                double copyOne = copyFloor(db, rows, 1);
                double copyTwo = copyFloor(db, rows, 2);
                double best = Math.max(copyOne, copyTwo);
                System.out.printf("COPY floor (PgJDBC CopyManager, %,d rows per session already typed and placed: grid, cell, EWKB point,"
                        + " payload hash; triggers and foreign keys off by session_replication_role = replica; rolled back):"
                        + " 1 session %.0f rows/s, 2 sessions in parallel %.0f rows/s together%n", rows, copyOne, copyTwo);
                System.out.printf("batch goal 50,000 records/s vs the best COPY floor %.0f rows/s: the goal is %.2f x what the incident"
                        + " table accepts with no HTTP, no validation, no triggers and no roll-ups; batch intake reaches %.2f of that floor%n",
                        best, 50_000 / best, batchRate / best);
                System.out.printf("load average at the end: %s%n", loadAverage());
            }
        } finally {
            cluster.close();
        }
    }

    /** Runs the single-report load; returns records/s. With a {@code cpu} sampler, prints where the cores went. */
    private static double single(TestServer server, Database db, int seconds, int clients, int displays, String label,
                                 CpuSampler cpu) throws Exception {
        List<DisplayClient> readers = new ArrayList<>();
        for (int i = 0; i < displays; i++) {
            readers.add(new DisplayClient(URI.create(server.base()), server.adminToken()));
        }
        long connectBy = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (System.nanoTime() < connectBy && readers.stream().anyMatch(r -> !r.connected())) {
            Thread.sleep(100);
        }
        Thread.sleep(500); // the stream subscribes right after its headers went out
        long notConnected = readers.stream().filter(r -> !r.connected()).count();
        if (notConnected > 0) {
            throw new IllegalStateException(notConnected + " of " + displays + " displays did not connect");
        }
        ConcurrentHashMap<Long, Long> ackNanos = new ConcurrentHashMap<>();
        List<Long> latencies = Collections.synchronizedList(new ArrayList<>());
        AtomicLong errors = new AtomicLong();
        ConcurrentHashMap<Integer, Integer> statuses = new ConcurrentHashMap<>();
        AtomicInteger seq = new AtomicInteger();
        String tag = label.charAt(0) + Integer.toString(PHASE.incrementAndGet());
        double[] before = groupCounters(server);
        ExecutorService pool = Executors.newFixedThreadPool(clients, r -> new Thread(r, "bench-load"));
        CpuSampler.Snapshot cpuBefore = cpu == null ? null : cpu.take();
        long end = System.nanoTime() + Duration.ofSeconds(seconds).toNanos();
        Instant at = Instant.now();
        List<Future<?>> fs = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            // One token per client, as 32 real clients (hotline, apps, cameras) would have: the per-client
            // rate limit (limits.client-rps) then applies to each, not to all 32 together.
            String authorization = "Bearer " + TestServer.issue(db, "bench-client-" + tag + "-" + RUN + "-" + c,
                    org.gridlens.geodata.security.Role.INTAKE);
            fs.add(pool.submit(() -> {
                try (KeepAliveClient poster = new KeepAliveClient(URI.create(server.base()), authorization)) {
                    while (System.nanoTime() < end) {
                        int i = seq.getAndIncrement();
                        double lon = lon(i);
                        double lat = lat(i);
                        String body = "{\"source\":\"" + SOURCES[i & 3] + "\",\"sourceId\":\"S-" + tag + "-" + RUN + "-" + i
                                + "\",\"category\":\"" + category(i) + "\",\"location\":{\"lon\":" + lon + ",\"lat\":" + lat
                                + "},\"reportedAt\":\"" + reportedAt(at, i) + "\"}";
                        long t0 = System.nanoTime();
                        try {
                            KeepAliveClient.Response r = poster.post("/api/incidents", body);
                            long t1 = System.nanoTime();
                            if (r.status() == 201) {
                                latencies.add(t1 - t0);
                                String answer = r.body();
                                int k = answer.indexOf("\"id\":");
                                long id = Long.parseLong(answer.substring(k + 5, answer.indexOf(',', k)));
                                ackNanos.put(id, t1);
                            } else {
                                errors.incrementAndGet();
                                statuses.merge(r.status(), 1, Integer::sum);
                            }
                        } catch (Exception e) {
                            errors.incrementAndGet();
                            poster.close();
                        }
                    }
                }
                return null;
            }));
        }
        for (Future<?> f : fs) {
            f.get();
        }
        CpuSampler.Snapshot cpuAfter = cpu == null ? null : cpu.take();
        pool.shutdown();
        double rate = latencies.size() / (double) seconds;
        System.out.printf("%s: %d clients, %d s: %.0f records/s, p50 %.1f ms, p99 %.1f ms, errors %d%n", label, clients,
                seconds, rate, pct(latencies, 50) / 1e6, pct(latencies, 99) / 1e6, errors.get());
        if (!statuses.isEmpty()) {
            System.out.println("  error statuses: " + statuses);
        }
        double[] after = groupCounters(server);
        double groups = after[0] - before[0];
        System.out.printf("  group commit: %.0f transactions, mean %.1f reports per transaction, mean %.1f ms per transaction"
                + " (checks, insert, commit; /metrics gridlens_intake_*); load average %s%n", groups,
                (after[1] - before[1]) / groups, 1000 * (after[2] - before[2]) / groups, loadAverage());
        if (cpu != null) {
            System.out.println(CpuSampler.report(cpuBefore, cpuAfter));
        }
        if (displays == 0) {
            return rate;
        }
        // commit→event: per display, arrival of incident.created for each acknowledged id minus its ack time.
        Thread.sleep(2000);
        List<Long> eventLatency = new ArrayList<>();
        long missing = 0;
        for (DisplayClient r : readers) {
            java.util.Set<Long> seen = new java.util.HashSet<>();
            r.forEach((id, arrived) -> {
                Long ack = ackNanos.get(id);
                if (ack != null && seen.add(id)) {
                    eventLatency.add(Math.max(0, arrived - ack));
                }
            });
            missing += ackNanos.size() - seen.size();
            r.close();
        }
        System.out.printf("commit→SSE with %d displays: p50 %.1f ms, p99 %.1f ms, max %.1f ms, events missing %d of %d%n",
                displays, pct(eventLatency, 50) / 1e6, pct(eventLatency, 99) / 1e6, pct(eventLatency, 100) / 1e6, missing,
                (long) ackNanos.size() * displays);
        return rate;
    }

    /** groups, reports, store seconds of the server's group committer, from /metrics. */
    private static double[] groupCounters(TestServer server) throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient().send(server.request("/metrics").GET().build(),
                HttpResponse.BodyHandlers.ofString());
        double[] out = new double[3];
        String[] names = {"gridlens_intake_groups_total ", "gridlens_intake_grouped_reports_total ",
            "gridlens_intake_group_store_seconds_total "};
        for (String line : r.body().split("\n")) {
            for (int k = 0; k < names.length; k++) {
                if (line.startsWith(names[k])) {
                    out[k] = Double.parseDouble(line.substring(names[k].length()).trim());
                }
            }
        }
        return out;
    }

    private static double batch(TestServer server, int batches) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        Instant at = Instant.now();
        List<Long> times = new ArrayList<>();
        for (int b = 0; b < batches; b++) {
            StringBuilder sb = new StringBuilder("{\"items\":[");
            for (int i = 0; i < 10_000; i++) {
                double lon = lon(i + 1_000_003 * b);
                double lat = lat(i + 1_000_003 * b);
                sb.append(i == 0 ? "" : ",").append("{\"source\":\"camera\",\"sourceId\":\"B-").append(RUN).append('-').append(b).append('-').append(i)
                        .append("\",\"category\":\"").append(category(i)).append("\",\"location\":{\"lon\":").append(lon)
                        .append(",\"lat\":").append(lat).append("},\"reportedAt\":\"").append(reportedAt(at, i)).append("\"}");
            }
            String body = sb.append("]}").toString();
            long t0 = System.nanoTime();
            HttpResponse<String> r = http.send(server.request("/api/incidents/batch").timeout(Duration.ofMinutes(5))
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                    HttpResponse.BodyHandlers.ofString());
            times.add(System.nanoTime() - t0);
            if (r.statusCode() != 200 || !r.body().startsWith("{\"accepted\":10000")) {
                throw new IllegalStateException("batch failed: " + r.body().substring(0, Math.min(300, r.body().length())));
            }
        }
        double median = pct(times, 50) / 1e9;
        System.out.printf("batch intake: %d batches of 10,000: median %.2f s per batch = %.0f records/s%n", batches, median,
                10_000 / median);
        return 10_000 / median;
    }

    /**
     * The same rows as a batch (spread over categories, cells and three days) by one bare {@code INSERT … SELECT}:
     * with {@code triggers} through every trigger and foreign key of {@code incident}, committed; without, under
     * {@code session_replication_role = replica} (which skips ordinary triggers and foreign-key checks) and rolled
     * back, so the roll-ups of the reused database stay exact.
     */
    private static double floor(Database db, int runs, boolean triggers) throws Exception {
        List<Long> times = new ArrayList<>();
        String cats = "ARRAY['" + String.join("','", categories) + "']";
        for (int b = 0; b < runs; b++) {
            try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement()) {
                c.setAutoCommit(false);
                if (!triggers) {
                    s.execute("SET LOCAL session_replication_role = replica");
                }
                long t0 = System.nanoTime();
                // Grid and cell are given (as a loader that knows them would), so the row trigger has nothing to look up.
                s.executeUpdate("""
                        INSERT INTO incident (district_code, source, source_id, kind, category_code, reported_at, accepted_at,
                                              status, geom, grid_code, cell_id)
                        SELECT u.district_code, 'camera', 'F-%s-%s-%d-' || i, 'event', (%s)[1 + (i * 104729) %% %d],
                               now() - make_interval(mins => 1 + ((i * 15485863::bigint) %% 4320)::int), now(), 'reported',
                               ST_PointOnSurface(u.geom), u.grid_code, u.id
                        FROM generate_series(0, 9999) i
                        JOIN (SELECT row_number() OVER (ORDER BY id) - 1 AS k, * FROM unit_cell) u
                          ON u.k = (i * 7919::bigint) %% (SELECT count(*) FROM unit_cell)""".formatted(RUN, triggers ? "t" : "n", b,
                        cats, categories.length));
                if (triggers) {
                    c.commit();
                } else {
                    c.rollback();
                }
                times.add(System.nanoTime() - t0);
            }
        }
        return 10_000 / (pct(times, 50) / 1e9);
    }

    /**
     * The table's own ceiling for a batch: {@code sessions} connections in parallel each {@code COPY} {@code rows}
     * rows into {@code incident} (PgJDBC {@link org.postgresql.copy.CopyManager}, text format), the rows already
     * as stored: district, grid and cell known, the point as hex EWKB, a payload hash. Triggers and foreign keys
     * are off ({@code session_replication_role = replica}), every index and generated column of the table is
     * maintained, and each transaction is rolled back so the reused database stays exact. No HTTP, JSON,
     * validation, 'report' stage events or roll-ups: whatever batch intake does is on top of this. Returns
     * rows/s of all sessions together (rows × sessions / the slowest session's time).
     */
    private static double copyFloor(Database db, int rows, int sessions) throws Exception {
        List<String[]> cells = new ArrayList<>();
        try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement();
             java.sql.ResultSet rs = s.executeQuery("""
                     SELECT district_code, grid_code, id, ST_AsHEXEWKB(ST_PointOnSurface(geom), 'NDR') FROM unit_cell ORDER BY id""")) {
            while (rs.next()) {
                cells.add(new String[] {rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4)});
            }
        }
        Instant now = Instant.now();
        String[] data = new String[sessions];
        for (int k = 0; k < sessions; k++) {
            StringBuilder sb = new StringBuilder(rows * 200);
            for (int i = 0; i < rows; i++) {
                String[] cell = cells.get((int) ((i * 7919L) % cells.size()));
                String hash = String.format("%064x", (long) i * 31 + k);
                sb.append(cell[0]).append("\tcamera\tC-").append(RUN).append('-').append(sessions).append('-').append(k).append('-')
                        .append(i).append("\tevent\t").append(category(i)).append('\t').append(reportedAt(now, i)).append('\t')
                        .append(now).append("\treported\t").append(cell[3]).append('\t').append(cell[1]).append('\t')
                        .append(cell[2]).append("\t\\\\x").append(hash).append('\n');
            }
            data[k] = sb.toString();
        }
        ExecutorService pool = Executors.newFixedThreadPool(sessions, r -> new Thread(r, "bench-copy"));
        List<Future<Long>> fs = new ArrayList<>();
        for (int k = 0; k < sessions; k++) {
            String rowsText = data[k];
            fs.add(pool.submit(() -> {
                try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement()) {
                    c.setAutoCommit(false);
                    s.execute("SET LOCAL session_replication_role = replica");
                    org.postgresql.copy.CopyManager copy = c.unwrap(org.postgresql.PGConnection.class).getCopyAPI();
                    long t0 = System.nanoTime();
                    long n = copy.copyIn("""
                            COPY incident (district_code, source, source_id, kind, category_code, reported_at, accepted_at, status,
                                           geom, grid_code, cell_id, payload_hash) FROM STDIN""", new java.io.StringReader(rowsText));
                    long took = System.nanoTime() - t0;
                    c.rollback();
                    if (n != rows) {
                        throw new IllegalStateException("COPY stored " + n + " rows, not " + rows);
                    }
                    return took;
                }
            }));
        }
        long slowest = 0;
        for (Future<Long> f : fs) {
            slowest = Math.max(slowest, f.get());
        }
        pool.shutdown();
        return (double) rows * sessions / (slowest / 1e9);
    }

    /**
     * The durable-commit ceiling of this disk: {@code connections} connections each committing one-row
     * transactions that also NOTIFY (as every intake transaction does: PostgreSQL then serialises the
     * commits, flush included, on one lock) for 3 s. Single intake can reach at most this many
     * transactions per second; records per second are this times the group size.
     */
    private static void commitFloor(Database db, int connections) throws Exception {
        try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE IF NOT EXISTS bench_commit_floor (x int)");
        }
        AtomicLong commits = new AtomicLong();
        long end = System.nanoTime() + Duration.ofSeconds(3).toNanos();
        ExecutorService pool = Executors.newFixedThreadPool(connections);
        List<Future<?>> fs = new ArrayList<>();
        for (int i = 0; i < connections; i++) {
            fs.add(pool.submit(() -> {
                try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement()) {
                    c.setAutoCommit(false);
                    while (System.nanoTime() < end) {
                        s.execute("INSERT INTO bench_commit_floor VALUES (1); NOTIFY bench_commit_floor");
                        c.commit();
                        commits.incrementAndGet();
                    }
                }
                return null;
            }));
        }
        for (Future<?> f : fs) {
            f.get();
        }
        pool.shutdown();
        try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement()) {
            s.execute("DROP TABLE bench_commit_floor");
        }
        System.out.printf("commit floor: %d connection(s), one-row transactions with NOTIFY, synchronous_commit on: %.0f commits/s"
                + " (load average %s)%n", connections, commits.get() / 3.0, loadAverage());
    }

    private static double pct(List<Long> values, int p) {
        if (values.isEmpty()) {
            return Double.NaN;
        }
        List<Long> v = new ArrayList<>(values);
        Collections.sort(v);
        int i = (int) Math.ceil(p / 100.0 * v.size()) - 1;
        return v.get(Math.max(0, Math.min(v.size() - 1, i)));
    }
}
