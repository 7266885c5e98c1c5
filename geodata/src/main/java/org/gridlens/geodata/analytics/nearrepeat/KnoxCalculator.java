package org.gridlens.geodata.analytics.nearrepeat;

import java.sql.Array;
import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.SplittableRandom;
import javax.sql.DataSource;
import org.gridlens.geodata.sql.SqlResource;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.index.strtree.STRtree;

/**
 * The Knox test for near repeats, after R's NearRepeat (domain anchors §2.4): all pairs of events are
 * tabulated by (distance band × time-gap band) with half-open bands; the times are then permuted over
 * the fixed locations {@code permutations} times (seeded SplittableRandom, so runs repeat exactly).
 * The spatially close pairs are found once through a JTS STRtree; each permutation only re-bins their
 * time gaps, so a run costs O(close pairs × permutations).
 */
public final class KnoxCalculator {

    private static final String EVENTS = SqlResource.load(KnoxCalculator.class, "knox_events.sql");

    private final DataSource dataSource;

    public KnoxCalculator(DataSource dataSource) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
    }

    public KnoxResult run(KnoxRequest req) {
        List<double[]> ev = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(EVENTS)) {
            ps.setDate(1, Date.valueOf(req.window().from()));
            ps.setDate(2, Date.valueOf(req.window().to()));
            Array cats = c.createArrayOf("text", req.filter().categoryPatterns());
            ps.setArray(3, cats);
            ps.setArray(4, cats);
            ps.setInt(5, KnoxRequest.MAX_EVENTS + 1);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    ev.add(new double[] {rs.getDouble(1), rs.getDouble(2), rs.getDouble(3) / 86400.0});
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Knox query failed: " + e.getMessage(), e);
        }
        return compute(ev, req);
    }

    /** The test on events {x, y (metres), t (days)}; public for tests. */
    public static KnoxResult compute(List<double[]> events, KnoxRequest req) {
        int n = events.size();
        List<String> sl = new ArrayList<>();
        for (int s = 0; s < req.spatialBands(); s++) {
            sl.add(String.format(Locale.ROOT, "[%s,%s) m", fmt(s * req.spatialBandM()), fmt((s + 1) * req.spatialBandM())));
        }
        List<String> tl = new ArrayList<>();
        for (int t = 0; t < req.temporalBands(); t++) {
            tl.add(String.format(Locale.ROOT, "[%s,%s) days", fmt(t * req.temporalBandDays()), fmt((t + 1) * req.temporalBandDays())));
        }
        if (n < 2 || n > KnoxRequest.MAX_EVENTS) {
            return new KnoxResult(n, 0, req.permutations(), req.seed(), sl, tl, List.of(),
                    n < 2 ? "fewer than 2 incidents match" : "more than " + KnoxRequest.MAX_EVENTS
                            + " incidents match; narrow the window or the category");
        }
        double maxD = req.spatialBandM() * req.spatialBands();
        STRtree tree = new STRtree();
        for (int i = 0; i < n; i++) {
            double[] e = events.get(i);
            tree.insert(new Envelope(e[0], e[0], e[1], e[1]), i);
        }
        List<int[]> pairs = new ArrayList<>(); // i, j, spatial band
        for (int i = 0; i < n; i++) {
            double[] a = events.get(i);
            for (Object o : tree.query(new Envelope(a[0] - maxD, a[0] + maxD, a[1] - maxD, a[1] + maxD))) {
                int j = (Integer) o;
                if (j <= i) {
                    continue;
                }
                double[] b = events.get(j);
                double d = Math.hypot(a[0] - b[0], a[1] - b[1]);
                if (d < maxD) {
                    pairs.add(new int[] {i, j, (int) Math.floor(d / req.spatialBandM())});
                }
            }
        }
        double[] times = new double[n];
        for (int i = 0; i < n; i++) {
            times[i] = events.get(i)[2];
        }
        int sb = req.spatialBands();
        int tb = req.temporalBands();
        long[] observed = tabulate(pairs, times, req.temporalBandDays(), sb, tb);
        long[] atLeast = new long[sb * tb];
        double[] sum = new double[sb * tb];
        SplittableRandom rnd = new SplittableRandom(req.seed());
        double[] perm = times.clone();
        for (int r = 0; r < req.permutations(); r++) {
            for (int i = n - 1; i > 0; i--) {
                int j = rnd.nextInt(i + 1);
                double tmp = perm[i];
                perm[i] = perm[j];
                perm[j] = tmp;
            }
            long[] sim = tabulate(pairs, perm, req.temporalBandDays(), sb, tb);
            for (int k = 0; k < sim.length; k++) {
                sum[k] += sim[k];
                if (sim[k] >= observed[k]) {
                    atLeast[k]++;
                }
            }
        }
        List<List<KnoxResult.Cell>> table = new ArrayList<>();
        long tabulated = 0;
        for (int s = 0; s < sb; s++) {
            List<KnoxResult.Cell> row = new ArrayList<>();
            for (int t = 0; t < tb; t++) {
                int k = s * tb + t;
                double expected = sum[k] / req.permutations();
                tabulated += observed[k];
                row.add(new KnoxResult.Cell(observed[k], expected, expected > 0 ? observed[k] / expected : null,
                        (atLeast[k] + 1.0) / (req.permutations() + 1.0)));
            }
            table.add(row);
        }
        return new KnoxResult(n, tabulated, req.permutations(), req.seed(), sl, tl, table, null);
    }

    private static long[] tabulate(List<int[]> pairs, double[] t, double width, int sb, int tb) {
        long[] out = new long[sb * tb];
        for (int[] p : pairs) {
            int band = (int) Math.floor(Math.abs(t[p[0]] - t[p[1]]) / width);
            if (band < tb) {
                out[p[2] * tb + band]++;
            }
        }
        return out;
    }

    private static String fmt(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
    }
}
