package org.gridlens.geodata.analytics.trend;

import java.sql.Array;
import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import javax.sql.DataSource;
import org.gridlens.geodata.analytics.IncidentFilter;
import org.gridlens.geodata.analytics.TimeWindow;
import org.gridlens.geodata.analytics.hotspot.SignificanceBinner;
import org.gridlens.geodata.analytics.hotspot.SpatialWeights;
import org.gridlens.geodata.analytics.hotspot.SpatialWeightsBuilder;
import org.gridlens.geodata.analytics.hotspot.SpatialWeightsCache;
import org.gridlens.geodata.sql.SqlResource;

/**
 * Emerging Hot Spot Analysis over unit cells and weekly steps (the window is cut into whole 7-day
 * steps from its start; a trailing partial week is dropped). Gi* per bin with a one-step time lag
 * ({@link SpaceTimeGiStar}), bins with the Benjamini–Hochberg FDR applied per time step at 90 %,
 * Mann-Kendall (α = 0.05) on each cell's z-series, Esri classes by {@link EmergingClassifier}.
 *
 * <p>Spatial weights: a fixed distance band, by default {@link SpatialWeightsBuilder#defaultBand()}
 * (on a district of 100 m cells: the mean distance to the 30th neighbour, about 300 m). Significance
 * levels are our reading of Esri's (90 % FDR bins, MK p &lt; 0.05) — see domain anchors §2.3.
 */
public final class EmergingHotSpotAnalyzer {

    /** Fewest weekly steps accepted (Esri recommends at least 10). */
    public static final int MIN_STEPS = 10;
    /** Mann-Kendall level for the trend classes. */
    public static final double TREND_ALPHA = 0.05;

    private static final String CELLS = SqlResource.load(EmergingHotSpotAnalyzer.class, "cells.sql");
    private static final String WEEKLY = SqlResource.load(EmergingHotSpotAnalyzer.class, "weekly_cell_counts.sql");

    private final DataSource dataSource;

    public EmergingHotSpotAnalyzer(DataSource dataSource) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
    }

    public EmergingResult analyze(TimeWindow window, IncidentFilter filter, Double bandM) {
        if (!filter.sources().isEmpty()) {
            throw new IllegalArgumentException("emerging hot spots read the daily pre-aggregation, which has no source; omit sources");
        }
        int steps = (int) (window.days() / 7);
        if (steps < MIN_STEPS) {
            return new EmergingResult(steps, 0, "none", Map.of(), List.of(),
                    "only " + steps + " whole weeks in the window; at least " + MIN_STEPS + " are needed");
        }
        List<String> codes = new ArrayList<>();
        Map<Integer, Integer> index = new HashMap<>();
        List<double[]> xy = new ArrayList<>();
        double[][] cube;
        try (Connection c = dataSource.getConnection()) {
            c.setReadOnly(true);
            try (PreparedStatement ps = c.prepareStatement(CELLS); ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    index.put(rs.getInt(1), codes.size());
                    codes.add(rs.getString(2));
                    xy.add(new double[] {rs.getDouble(3), rs.getDouble(4)});
                }
            }
            cube = new double[steps][codes.size()];
            try (PreparedStatement ps = c.prepareStatement(WEEKLY)) {
                ps.setDate(1, Date.valueOf(window.from()));
                ps.setDate(2, Date.valueOf(window.from()));
                ps.setDate(3, Date.valueOf(window.from().plusDays(7L * steps)));
                Array cats = c.createArrayOf("text", filter.categoryPatterns());
                ps.setArray(4, cats);
                ps.setArray(5, cats);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        Integer i = index.get(rs.getInt(1));
                        int t = rs.getInt(2);
                        if (i != null && t >= 0 && t < steps) {
                            cube[t][i] += rs.getLong(3);
                        }
                    }
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("emerging hot spot query failed: " + e.getMessage(), e);
        }
        return analyze(codes, xy, cube, bandM);
    }

    /** The analysis on an already built cube (cube[t][i]); public for tests and benchmarks. */
    public static EmergingResult analyze(List<String> codes, List<double[]> xy, double[][] cube, Double bandM) {
        int n = codes.size();
        int steps = cube.length;
        if (n < 30) {
            return new EmergingResult(steps, n, "none", Map.of(), List.of(), "only " + n + " cells; at least 30 are needed");
        }
        double[] x = new double[n];
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = xy.get(i)[0];
            y[i] = xy.get(i)[1];
        }
        SpatialWeights w = SpatialWeightsCache.shared().get(x, y, bandM != null ? "band=" + bandM : "default band", () -> {
            SpatialWeightsBuilder b = new SpatialWeightsBuilder(x, y);
            double band = bandM != null ? bandM : b.defaultBand();
            return new SpatialWeightsCache.Built(b.distanceBand(band), band);
        }).weights();
        double[][] z;
        try {
            z = SpaceTimeGiStar.zScores(cube, w, 1);
        } catch (IllegalArgumentException e) {
            return new EmergingResult(steps, n, w.description(), Map.of(), List.of(), e.getMessage());
        }
        int[][] bins = new int[steps][];
        for (int t = 0; t < steps; t++) {
            bins[t] = SignificanceBinner.bins(z[t], true);
        }
        Map<String, Integer> counts = new TreeMap<>();
        List<EmergingLocation> out = new ArrayList<>();
        double[] series = new double[steps];
        int[] locBins = new int[steps];
        for (int i = 0; i < n; i++) {
            boolean any = false;
            int hot = 0;
            int cold = 0;
            for (int t = 0; t < steps; t++) {
                any |= cube[t][i] > 0;
                series[t] = Double.isNaN(z[t][i]) ? 0 : z[t][i];
                locBins[t] = bins[t][i];
                hot += locBins[t] > 0 ? 1 : 0;
                cold += locBins[t] < 0 ? 1 : 0;
            }
            MannKendall mk = MannKendall.test(series);
            EmergingClass cls = EmergingClassifier.classify(locBins, mk.trend(TREND_ALPHA));
            counts.merge(cls.label(), 1, Integer::sum);
            if (any) {
                out.add(new EmergingLocation(codes.get(i), cls.label(), mk.z(), mk.p(), hot, cold));
            }
        }
        return new EmergingResult(steps, n, w.description() + ", time lag 1 step", counts, out, null);
    }
}
