package org.gridlens.geodata.bench;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.gridlens.geodata.db.Database;
import org.gridlens.geodata.db.DatabaseTarget;
import org.gridlens.geodata.exporting.ExportLayer;
import org.gridlens.geodata.exporting.ExportQuery;
import org.gridlens.geodata.exporting.LayerExporter;
import org.gridlens.geodata.importing.ImportLayer;
import org.gridlens.geodata.importing.ImportLimits;
import org.gridlens.geodata.importing.ImportReport;
import org.gridlens.geodata.importing.LayerImporter;
import org.gridlens.geodata.importing.SourceMapping;
import org.gridlens.geodata.testing.RegionFixture;
import org.gridlens.geodata.testing.TestDatabase;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

/**
 * Import of N incidents from CSV (joins to grid and unit cell and the daily counts included) against
 * the floor of a bare {@code psql \copy} of the same file into an unindexed text table, in the same
 * run; then a GeoJSON export of all N with the peak heap after GC recorded. Run (see README):
 * <pre>
 *   ./mvnw -q -pl geodata test-compile dependency:build-classpath -Dmdep.outputFile=target/bench.cp -Dmdep.includeScope=test
 *   java -Xmx256m -cp geodata/target/classes:geodata/target/test-classes:$(cat geodata/target/bench.cp) \
 *        org.gridlens.geodata.bench.ImportExportBench 1000000 [--import-only | --explain]
 * </pre>
 * Each import phase is printed with its duration (read + stage, checks, upsert with its bulk steps,
 * rebuild with each index and key, …). Floors printed beside the import, all from the same run: the
 * {@code \copy} itself (the goal's reference), an INSERT of the copied rows into a bare copy of
 * {@code incident} with and without its generated columns, a COPY of the imported rows, already typed, into
 * such a copy (with and without them), and a REINDEX of the loaded table with the import's own
 * maintenance_work_mem; from the last two it prints the bound that rows plus indexes alone put on any importer.
 * {@code --explain} (implies no export) logs every import statement over 0.5 s with its plan and
 * timings to the cluster's {@code postmaster.log} (auto_explain, nested statements included).
 * Uses the test fixture district (2 km × 2 km, 4 grids, 100 m unit cells), not the full demo district.
 */
public final class ImportExportBench {

    /** The import session's maintenance_work_mem (IncidentBulkLoad), also given to the REINDEX floor. */
    static final String MAINTENANCE_WORK_MEM = "256MB";

    private ImportExportBench() {
    }

    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        boolean export = !List.of(args).contains("--import-only") && !List.of(args).contains("--explain");
        boolean explain = List.of(args).contains("--explain");
        Path dir = Files.createTempDirectory("gridlens-bench-");
        Path csv = dir.resolve("incidents.csv");
        generate(csv, n);
        System.out.println("uptime: " + uptime());
        System.out.printf(Locale.ROOT, "generated %,d incidents: %.1f MB%n", n, Files.size(csv) / 1e6);
        try (Database db = TestDatabase.freshDatabase("bench")) {
            RegionFixture.insert(db.dataSource());
            exec(db, """
                    INSERT INTO unit_cell (id, code, district_code, col, row, size_m, geom)
                    SELECT i * 20 + j + 1, 'C' || i || '_' || j, '630102', i, j, 100,
                           ST_MakeEnvelope(101.80 + i * 0.001, 36.60 + j * 0.001, 101.801 + i * 0.001, 36.601 + j * 0.001, 4326)
                    FROM generate_series(0, 19) i, generate_series(0, 19) j""");
            exec(db, "UPDATE unit_cell SET grid_code = gl_grid_of(ST_Centroid(geom))");
            exec(db, "ANALYZE");
            exec(db, "CREATE TABLE bench_raw (source text, source_id text, kind text, category_code text, reported_at text,"
                    + " status text, lon text, lat text)");

            System.out.println("load average before: " + loadAverage());
            double copySeconds = psqlCopy(db.target(), csv);
            double bareSeconds = bareIncidentInsert(db, true);
            double plainSeconds = bareIncidentInsert(db, false);
            Database importing = db;
            if (explain) {
                // every statement of the import over 0.5 s (trigger statements included) with its plan and
                // timings, in the cluster's postmaster.log; through a new pool, whose sessions load it
                String name = db.target().jdbcUrl().replaceAll(".*/([^/?]+).*", "$1");
                exec(db, "ALTER DATABASE " + name + " SET session_preload_libraries = 'auto_explain'");
                exec(db, "ALTER DATABASE " + name + " SET auto_explain.log_min_duration = '500ms'");
                exec(db, "ALTER DATABASE " + name + " SET auto_explain.log_analyze = on");
                exec(db, "ALTER DATABASE " + name + " SET auto_explain.log_nested_statements = on");
                exec(db, "ALTER DATABASE " + name + " SET auto_explain.log_buffers = on");
                importing = Database.open(db.target(), org.gridlens.geodata.db.PoolSettings.DEFAULTS, null);
                System.out.println("auto_explain: see postmaster.log of the cluster serving " + db.target().jdbcUrl());
            }
            long t0 = System.nanoTime();
            ImportReport r = new LayerImporter(importing.dataSource(), ImportLimits.DEFAULTS.withMaxFileBytes(1L << 34))
                    .withPhaseListener((phase, nanos) -> System.out.printf(Locale.ROOT, "  phase %-12s %7.1f s%n", phase, nanos / 1e9))
                    .importFile(ImportLayer.INCIDENTS, csv, "incidents.csv", SourceMapping.NONE, Optional.empty());
            double importSeconds = (System.nanoTime() - t0) / 1e9;
            if (r.inserted() != n) {
                throw new IllegalStateException("expected " + n + " inserted, report says " + r.inserted() + ": " + r.issues());
            }
            System.out.printf(Locale.ROOT, "psql \\copy (floor):   %,10.0f rows/s  (%.1f s)%n", n / copySeconds, copySeconds);
            System.out.printf(Locale.ROOT, "INSERT of the copied rows into a bare copy of incident (no index, trigger or key):"
                    + " %,10.0f rows/s  (%.1f s; ratio to \\copy %.2f)%n", n / bareSeconds, bareSeconds, copySeconds / bareSeconds);
            System.out.printf(Locale.ROOT, "the same without the generated columns (geom_3857, x_4543, y_4543 plain, left NULL):"
                    + " %,10.0f rows/s  (%.1f s; ratio to \\copy %.2f)%n", n / plainSeconds, plainSeconds, copySeconds / plainSeconds);
            System.out.printf(Locale.ROOT, "GridLens import:      %,10.0f rows/s  (%.1f s, joins + daily counts included)%n",
                    n / importSeconds, importSeconds);
            System.out.printf(Locale.ROOT, "import / \\copy ratio: %.2f  (goal >= 0.50); import / bare INSERT %.2f;"
                    + " import / INSERT without generated columns %.2f%n", copySeconds / importSeconds, bareSeconds / importSeconds,
                    plainSeconds / importSeconds);
            System.out.println("load average after import: " + loadAverage());
            // fourth floor: the same rows, typed, COPYed into a bare copy of incident (before the REINDEX, so
            // both read the table as the import left it)
            Path typed = dir.resolve("typed.copy");
            double typedSeconds = typedCopy(db, typed, true);
            double typedPlainSeconds = typedCopy(db, typed, false);
            Files.deleteIfExists(typed);
            System.out.printf(Locale.ROOT, "COPY of the imported rows, already typed, into a bare copy of incident (no index, trigger"
                    + " or key): %,10.0f rows/s  (%.1f s; ratio to \\copy %.2f)%n", n / typedSeconds, typedSeconds, copySeconds / typedSeconds);
            System.out.printf(Locale.ROOT, "the same without the generated columns: %,10.0f rows/s  (%.1f s; ratio to \\copy %.2f)%n",
                    n / typedPlainSeconds, typedPlainSeconds, copySeconds / typedPlainSeconds);
            // third floor: what having the indexes at all costs, once the rows are in (every index of
            // incident built from scratch, primary key included, in one REINDEX), with the import's own
            // maintenance settings (IncidentBulkLoad)
            long t2 = System.nanoTime();
            exec(db, "SET maintenance_work_mem = '" + MAINTENANCE_WORK_MEM + "'; REINDEX TABLE incident");
            double reindexSeconds = (System.nanoTime() - t2) / 1e9;
            System.out.printf(Locale.ROOT, "REINDEX TABLE incident (all %d indexes, %,d rows): %.1f s = %.2f of the \\copy time%n",
                    indexCount(db), n, reindexSeconds, reindexSeconds / copySeconds);
            System.out.printf(Locale.ROOT, "rows + indexes alone bound any importer at %.3f of \\copy"
                    + " (\\copy %.1f s / (typed COPY %.1f s + REINDEX %.1f s)); this import reaches %.3f, i.e. %.0f%% of that bound%n",
                    copySeconds / (typedSeconds + reindexSeconds), copySeconds, typedSeconds, reindexSeconds, copySeconds / importSeconds,
                    100 * (typedSeconds + reindexSeconds) / importSeconds);
            System.out.println("uptime: " + uptime());

            if (!export) {
                return;
            }
            resetPeaks();
            long t1 = System.nanoTime();
            CountingStream out = new CountingStream();
            long exported = new LayerExporter(db.dataSource()).writeGeoJson(ExportQuery.all(ExportLayer.INCIDENTS), out);
            double exportSeconds = (System.nanoTime() - t1) / 1e9;
            System.out.printf(Locale.ROOT, "GeoJSON export:       %,10.0f features/s (%,d features, %.1f MB, %.1f s)%n",
                    exported / exportSeconds, exported, out.bytes / 1e6, exportSeconds);
            System.out.printf(Locale.ROOT, "heap: max %d MB (-Xmx), peak used during export %.0f MB%n",
                    Runtime.getRuntime().maxMemory() >> 20, peakHeap() / 1e6);
        } finally {
            Files.deleteIfExists(csv);
            Files.deleteIfExists(dir);
        }
    }

    static void generate(Path csv, int n) throws IOException {
        SplittableRandom random = new SplittableRandom(20261126);
        List<String> categories = List.of("0101", "0102", "0103", "0201", "0301", "0405", "0504", "0601");
        try (BufferedWriter w = Files.newBufferedWriter(csv, StandardCharsets.UTF_8)) {
            w.write("source,source_id,kind,category_code,reported_at,status,lon,lat\n");
            StringBuilder sb = new StringBuilder(128);
            for (int i = 0; i < n; i++) {
                sb.setLength(0);
                long minute = random.nextLong(365L * 24 * 60);
                sb.append("hotline,B").append(i).append(",event,").append(categories.get(random.nextInt(categories.size())))
                        .append(',').append(java.time.LocalDateTime.of(2026, 1, 1, 0, 0).plusMinutes(minute).toString().replace('T', ' '))
                        .append(",reported,")
                        .append(String.format(Locale.ROOT, "%.6f,%.6f", 101.8002 + random.nextDouble() * 0.0196,
                                36.6002 + random.nextDouble() * 0.0196))
                        .append('\n');
                w.write(sb.toString());
            }
        }
    }

    /**
     * Second floor, same run: the rows \copy loaded, cast and written by one INSERT ... SELECT into a copy
     * of {@code incident} without indexes, triggers or foreign keys, its generated columns
     * ({@code geom_3857}, {@code x_4543}, {@code y_4543}: one ST_Transform each per row) kept when
     * {@code generated}, else plain and left NULL: what writing the wide incident row costs the server
     * before any import logic, and how much of that the projections are.
     */
    static double bareIncidentInsert(Database db, boolean generated) throws Exception {
        exec(db, "CREATE TABLE bench_bare (LIKE incident INCLUDING DEFAULTS INCLUDING IDENTITY" + (generated ? " INCLUDING GENERATED)" : ")"));
        long t0 = System.nanoTime();
        exec(db, """
                INSERT INTO bench_bare (district_code, source, source_id, kind, category_code, reported_at, status, geom)
                SELECT '630102', source, source_id, kind, category_code, reported_at::timestamptz, status,
                       ST_SetSRID(ST_MakePoint(lon::float8, lat::float8), 4326)
                FROM bench_raw""");
        double seconds = (System.nanoTime() - t0) / 1e9;
        exec(db, "DROP TABLE bench_bare");
        return seconds;
    }

    /** The columns the importer writes into {@code incident}, in the typed floor's COPY order. */
    static final String WRITTEN = "district_code, source, source_id, kind, category_code, description, reported_at, closed_at,"
            + " deadline, status, grid_code, cell_id, geom";

    /**
     * Fourth floor, same run: the rows the import wrote, read back already typed (the text form of each
     * column, geometry as hex EWKB), COPYed from the client into a copy of {@code incident} without
     * indexes, triggers or keys, its generated columns kept when {@code generated}, else plain and left
     * NULL. No parsing of the CSV, no validation, no join, no count: the least any importer pays for
     * putting these rows into this table; only the COPY into the table is timed.
     */
    static double typedCopy(Database db, Path typed, boolean generated) throws Exception {
        exec(db, "CREATE TABLE bench_bare (LIKE incident INCLUDING DEFAULTS INCLUDING IDENTITY" + (generated ? " INCLUDING GENERATED)" : ")"));
        try (Connection c = db.dataSource().getConnection()) {
            CopyManager copy = c.unwrap(PGConnection.class).getCopyAPI();
            if (!Files.exists(typed)) {
                try (OutputStream out = Files.newOutputStream(typed)) {
                    copy.copyOut("COPY (SELECT " + WRITTEN + " FROM incident) TO STDOUT", out);
                }
            }
            long t0 = System.nanoTime();
            try (InputStream in = Files.newInputStream(typed)) {
                copy.copyIn("COPY bench_bare (" + WRITTEN + ") FROM STDIN", in);
            }
            double seconds = (System.nanoTime() - t0) / 1e9;
            exec(db, "DROP TABLE bench_bare");
            return seconds;
        }
    }

    static double psqlCopy(DatabaseTarget t, Path csv) throws Exception {
        java.net.URI u = java.net.URI.create(t.jdbcUrl().substring(5));
        String db = u.getPath().substring(1);
        ProcessBuilder pb = new ProcessBuilder("psql", "-X", "-q", "-h", u.getHost(), "-p", String.valueOf(u.getPort()), "-U", t.user(),
                "-d", db, "-c", "\\copy bench_raw FROM '" + csv + "' WITH (FORMAT csv, HEADER true)").redirectErrorStream(true);
        pb.environment().put("PGPASSWORD", t.password());
        long t0 = System.nanoTime();
        Process p;
        try {
            p = pb.start();
        } catch (IOException e) {
            throw new IllegalStateException("psql is not installed: apt-get install postgresql-client-15", e);
        }
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(30, TimeUnit.MINUTES) || p.exitValue() != 0) {
            throw new IllegalStateException("psql \\copy failed: " + out);
        }
        return (System.nanoTime() - t0) / 1e9;
    }

    /** What {@code uptime} prints (the brief asks for it beside every figure). */
    static String uptime() {
        try {
            Process p = new ProcessBuilder("uptime").redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            p.waitFor();
            return out;
        } catch (IOException | InterruptedException e) {
            return "uptime unavailable: " + e.getMessage();
        }
    }

    /** The 1, 5 and 15 minute load averages (as uptime prints them); the machine is shared. */
    static String loadAverage() throws IOException {
        String[] f = Files.readString(Path.of("/proc/loadavg")).trim().split(" ");
        return f[0] + ", " + f[1] + ", " + f[2] + " on " + Runtime.getRuntime().availableProcessors() + " cores";
    }

    static long indexCount(Database db) throws Exception {
        try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement();
             java.sql.ResultSet rs = s.executeQuery("SELECT count(*) FROM pg_index WHERE indrelid = 'incident'::regclass")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    static void exec(Database db, String sql) throws Exception {
        try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    static void resetPeaks() {
        System.gc();
        for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
            p.resetPeakUsage();
        }
    }

    static long peakHeap() {
        long sum = 0;
        for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
            if (p.getType() == MemoryType.HEAP) {
                sum += p.getPeakUsage().getUsed();
            }
        }
        return sum;
    }

    /** Discards bytes, counting them. */
    static final class CountingStream extends OutputStream {
        long bytes;

        @Override
        public void write(int b) {
            bytes++;
        }

        @Override
        public void write(byte[] b, int off, int len) {
            bytes += len;
        }
    }
}
