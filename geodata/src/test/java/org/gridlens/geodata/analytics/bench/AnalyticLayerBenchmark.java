package org.gridlens.geodata.analytics.bench;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.Callable;
import javax.sql.DataSource;
import org.gridlens.geodata.analytics.camera.CameraCoverageCalculator;
import org.gridlens.geodata.analytics.coverage.CoverageCalculator;
import org.gridlens.geodata.analytics.layer.AnalyticLayerRefresher;
import org.gridlens.geodata.analytics.layer.AnalyticProduct;
import org.gridlens.geodata.analytics.stats.SuppressionPolicy;
import org.gridlens.geodata.demo.DemoProfile;

/**
 * Times camera coverage and the refresh of each analytic tile layer on a demo district: median of
 * several runs, with a bare SQL floor measured in the same run (the join of camera sectors to grids,
 * which camera coverage cannot do without).
 *
 * <p>Run (its own cluster under {@code /tmp/gridlens-bench5b-<profile>}, kept between runs):
 * <pre>
 * ./mvnw -q -pl geodata -am test-compile dependency:build-classpath -Dmdep.outputFile=/tmp/gl-cp.txt -Dmdep.includeScope=test
 * java -Xmx2g -cp geodata/target/classes:geodata/target/test-classes:$(cat /tmp/gl-cp.txt) \
 *     org.gridlens.geodata.analytics.bench.AnalyticLayerBenchmark district [runs=3] [products=HOTSPOTS,HOT_AREAS,COVERAGE,CAMERAS]
 * </pre>
 */
public final class AnalyticLayerBenchmark {

    private AnalyticLayerBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        DemoProfile profile = DemoProfile.parse(args.length > 0 ? args[0] : "district");
        int runs = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        java.util.List<AnalyticProduct> products = args.length > 2
                ? Arrays.stream(args[2].split(",")).map(AnalyticProduct::valueOf).toList() : Arrays.asList(AnalyticProduct.values());
        Path dir = Path.of("/tmp/gridlens-bench5b-" + profile.label());
        try (DemoBenchDatabase db = DemoBenchDatabase.open(profile, dir)) {
            DataSource ds = db.dataSource();
            System.out.println("load average before: " + uptime());
            CameraCoverageCalculator cameras = new CameraCoverageCalculator(ds);
            double floor = median(runs, () -> count(ds,
                    "SELECT count(*) FROM camera c JOIN region r ON r.level = 'grid' AND ST_Intersects(c.sector, r.geom)"));
            double cam = median(runs, () -> cameras.compute("").grids().size());
            System.out.printf(Locale.ROOT, "camera coverage, all grids: median %.0f ms; floor (sector-grid join) %.0f ms; ratio %.1f%n",
                    cam, floor, cam / Math.max(1, floor));
            CoverageCalculator straight = new CoverageCalculator(ds, SuppressionPolicy.DEFAULT);
            AnalyticLayerRefresher refresher = new AnalyticLayerRefresher(ds,
                    AnalyticLayerRefresher.CoverageSource.straightLine(straight), Clock.systemUTC());
            for (AnalyticProduct product : products) {
                double ms = median(runs, () -> refresher.refresh(product, true) ? 1 : 0);
                System.out.printf(Locale.ROOT, "refresh %s: median %.0f ms%n", product, ms);
            }
            System.out.println("load average after: " + uptime());
        }
    }

    private static long count(DataSource ds, String sql) throws Exception {
        try (Connection c = ds.getConnection(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static double median(int runs, Callable<?> task) throws Exception {
        double[] t = new double[runs];
        for (int i = 0; i < runs; i++) {
            long t0 = System.nanoTime();
            task.call();
            t[i] = (System.nanoTime() - t0) / 1e6;
        }
        Arrays.sort(t);
        return t[runs / 2];
    }

    private static String uptime() throws Exception {
        Process pr = new ProcessBuilder("uptime").redirectErrorStream(true).start();
        return new String(pr.getInputStream().readAllBytes()).trim();
    }
}
