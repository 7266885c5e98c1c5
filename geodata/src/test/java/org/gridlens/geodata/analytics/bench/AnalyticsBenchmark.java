package org.gridlens.geodata.analytics.bench;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import javax.sql.DataSource;
import org.gridlens.geodata.analytics.DataVersion;
import org.gridlens.geodata.analytics.IncidentFilter;
import org.gridlens.geodata.analytics.TimeWindow;
import org.gridlens.geodata.analytics.coverage.CoverageCalculator;
import org.gridlens.geodata.analytics.coverage.CoverageRequest;
import org.gridlens.geodata.analytics.coverage.FacilityType;
import org.gridlens.geodata.analytics.coverage.PopulationGroup;
import org.gridlens.geodata.analytics.hotarea.HotAreaFinder;
import org.gridlens.geodata.analytics.hotarea.HotAreaReport;
import org.gridlens.geodata.analytics.hotarea.HotAreaRequest;
import org.gridlens.geodata.analytics.hotspot.AggregationLevel;
import org.gridlens.geodata.analytics.hotspot.AggregatedFeature;
import org.gridlens.geodata.analytics.hotspot.HotSpotAnalyzer;
import org.gridlens.geodata.analytics.hotspot.HotSpotRequest;
import org.gridlens.geodata.analytics.hotspot.HotSpotResult;
import org.gridlens.geodata.analytics.hotspot.IncidentAggregator;
import org.gridlens.geodata.analytics.stats.GridStatisticsCalculator;
import org.gridlens.geodata.analytics.stats.SuppressionPolicy;
import org.gridlens.geodata.analytics.trend.EmergingHotSpotAnalyzer;
import org.gridlens.geodata.analytics.trend.EmergingResult;
import org.gridlens.geodata.demo.DemoProfile;

/**
 * Times the analytics against the speed targets of issue #5 on a demo district, printing the median
 * of several runs and, as a floor measured in the same run on the same rows, a bare SQL scan so the
 * ratio says how much the analytics adds to merely reading the data.
 *
 * <p>Run (profile {@code district} or {@code small}; the cluster under {@code /tmp/gridlens-bench-<profile>}
 * is kept between runs so the demo loads once; {@code -Dgridlens.bench.dir=…} puts it elsewhere, e.g. per worktree
 * so branches with different migrations do not share one):
 * <pre>
 * ./mvnw -q -pl geodata test-compile dependency:build-classpath -Dmdep.outputFile=/tmp/gl-cp.txt -Dmdep.includeScope=test
 * java -Xmx2g -cp geodata/target/classes:geodata/target/test-classes:$(cat /tmp/gl-cp.txt) \
 *     org.gridlens.geodata.analytics.bench.AnalyticsBenchmark district [runs=5] [steps=gi,emerging,hotareas,coverage,stats]
 * </pre>
 */
public final class AnalyticsBenchmark {

    private static int runs = 5;
    private static Set<String> steps = Set.of("gi", "emerging", "hotareas", "coverage", "stats");

    private AnalyticsBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        DemoProfile profile = DemoProfile.parse(args.length > 0 ? args[0] : "district");
        if (args.length > 1) {
            runs = Integer.parseInt(args[1]);
        }
        if (args.length > 2) {
            steps = Set.of(args[2].split(","));
        }
        Path dir = Path.of(System.getProperty("gridlens.bench.dir", "/tmp/gridlens-bench-" + profile.label()));
        try (DemoBenchDatabase db = DemoBenchDatabase.open(profile, dir)) {
            DataSource ds = db.dataSource();
            run(ds, profile);
        }
    }

    private static void run(DataSource ds, DemoProfile profile) throws Exception {
        Clock clock = Clock.fixed(Instant.parse("2026-11-26T00:00:00Z"), ZoneOffset.UTC);
        TimeWindow year = new TimeWindow(LocalDate.of(2025, 11, 1), LocalDate.of(2026, 11, 1));
        TimeWindow threeYears = new TimeWindow(LocalDate.of(2023, 11, 1), LocalDate.of(2026, 11, 1));
        System.out.println("load average at start (1/5/15 min, running/total, last pid): " + loadAverage());
        System.out.printf(Locale.ROOT, "profile %s: %d incidents, %d unit cells, %d grids, %d residents%n", profile.label(),
                count(ds, "SELECT count(*) FROM incident"), count(ds, "SELECT count(*) FROM unit_cell"),
                count(ds, "SELECT count(*) FROM region WHERE level = 'grid'"), count(ds, "SELECT count(*) FROM resident"));

        IncidentAggregator agg = new IncidentAggregator(ds);
        if (steps.contains("gi")) {
        HotSpotRequest giReq = new HotSpotRequest(AggregationLevel.CELL, 0, year, IncidentFilter.ALL, OptionalDouble.empty(),
                OptionalInt.empty(), true);
        HotSpotAnalyzer gi = new HotSpotAnalyzer(agg, clock);
        List<AggregatedFeature> cells = agg.aggregate(AggregationLevel.CELL, 0, year, IncidentFilter.ALL);
        report("Gi* on every unit cell, 1 year (aggregate + weights + z + FDR)", 1000, () -> gi.analyze(giReq).featureCount(),
                "floor: sum(n) over incident_daily for the year", () -> count(ds,
                        "SELECT sum(n) FROM incident_daily WHERE day >= '2025-11-01' AND day < '2026-11-01'"));
        report("  of which Gi* in Java on the aggregated cells", 1000, () -> HotSpotAnalyzer.analyze(giReq, cells).featureCount(),
                null, null);

        }
        EmergingHotSpotAnalyzer em = new EmergingHotSpotAnalyzer(ds);
        if (steps.contains("emerging")) {
        report("Emerging Hot Spot classes, every cell, 3 years weekly", 10_000, () -> {
            EmergingResult r = em.analyze(threeYears, IncidentFilter.ALL, null);
            return r.cells() * r.steps();
        }, "floor: weekly counts per cell from incident_daily", () -> count(ds,
                "SELECT count(*) FROM (SELECT cell_id, (day - date '2023-11-01') / 7, sum(n) FROM incident_daily"
                        + " WHERE day >= '2023-11-01' AND day < '2026-10-29' GROUP BY 1, 2) x"));

        }
        HotAreaFinder finder = new HotAreaFinder(ds);
        HotAreaRequest ha = new HotAreaRequest(threeYears, IncidentFilter.ALL, HotAreaRequest.DEFAULT_RADIUS_M,
                HotAreaRequest.DEFAULT_MIN_COUNT, HotAreaRequest.DEFAULT_DAYS);
        if (steps.contains("hotareas")) {
        AtomicReference<HotAreaReport> last = new AtomicReference<>();
        report("Hot areas, 3 years, all categories (cold: no result cache)", 5000, () -> {
            last.set(finder.find(ha));
            return last.get().areas().size();
        }, "floor: ST_Transform of every incident point in the window", () -> count(ds,
                "SELECT count(ST_Transform(geom, 4543)) FROM incident WHERE reported_at >= '2023-11-01 00:00+08'"
                        + " AND reported_at < '2026-11-01 00:00+08'"));
        // cached: what the server's AnalyticsCache does per request (read the data version, look the key up)
        DataVersion version = new DataVersion(ds);
        Map<String, HotAreaReport> cache = new ConcurrentHashMap<>();
        cache.put(version.current() + "|hotareas|" + ha.key(), last.get());
        report("Hot areas, 3 years, cached (data version read + cache lookup)", 50, () -> cache.computeIfAbsent(
                version.current() + "|hotareas|" + ha.key(), k -> finder.find(ha)).areas().size(), null, null);

        }
        CoverageCalculator cov = new CoverageCalculator(ds, SuppressionPolicy.DEFAULT);
        if (steps.contains("coverage")) {
        CoverageRequest cr = new CoverageRequest(FacilityType.COMMUNITY_HEALTH, 1000, PopulationGroup.ALL, null, null, 2026);
        report("Facility coverage, all grids (all residents, 1000 m)", 2000, () -> cov.compute(cr, false).grids().size(),
                "floor: residents joined to their buildings", () -> count(ds,
                        "SELECT count(*) FROM resident r JOIN housing_unit h ON h.id = r.housing_unit_id JOIN building b ON b.id = h.building_id"));

        }
        GridStatisticsCalculator st = new GridStatisticsCalculator(ds, SuppressionPolicy.DEFAULT);
        if (steps.contains("stats")) {
        report("Grid statistics, whole district, every level, 1 year, suppressed", 200, () -> st.compute(year, false).size(),
                "floor: incidents in the year by grid", () -> count(ds,
                        "SELECT count(*) FROM (SELECT grid_code, count(*) FROM incident WHERE reported_at >= '2025-11-01 00:00+08'"
                                + " AND reported_at < '2026-11-01 00:00+08' GROUP BY 1) x"));
        }
    }

    private static void report(String what, long targetMs, Callable<Object> task, String floorName, Callable<Object> floor)
            throws Exception {
        if (runs > 1) {
            task.call(); // warm-up
        }
        long[] t = new long[runs];
        Object result = null;
        for (int i = 0; i < runs; i++) {
            long t0 = System.nanoTime();
            result = task.call();
            t[i] = (System.nanoTime() - t0) / 1_000_000;
        }
        long median = median(t);
        System.out.printf(Locale.ROOT, "%-70s median %6d ms (runs %s) target ≤ %d ms %s [result %s] load %s%n", what, median,
                Arrays.toString(t), targetMs, median <= targetMs ? "OK" : "MISSED", result, loadAverage());
        if (floor != null) {
            floor.call();
            long[] f = new long[runs];
            for (int i = 0; i < runs; i++) {
                long t0 = System.nanoTime();
                floor.call();
                f[i] = (System.nanoTime() - t0) / 1_000_000;
            }
            long fm = median(f);
            System.out.printf(Locale.ROOT, "    %-66s median %6d ms → ratio %.1f×%n", floorName, fm, fm == 0 ? 0.0 : (double) median / fm);
        }
    }

    /** The machine is shared: every figure is printed with the load average it was taken at. */
    private static String loadAverage() {
        try {
            return java.nio.file.Files.readString(Path.of("/proc/loadavg")).trim();
        } catch (java.io.IOException e) {
            return "unknown (" + e.getMessage() + ")";
        }
    }

    private static long median(long[] t) {
        long[] s = t.clone();
        Arrays.sort(s);
        return s[s.length / 2];
    }

    private static long count(DataSource ds, String sql) throws Exception {
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(sql); ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
