package org.gridlens.geodata.analytics.hotarea;

import java.sql.Array;
import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import javax.sql.DataSource;
import org.gridlens.geodata.analytics.TimeWindow;
import org.gridlens.geodata.analytics.trend.MannKendall;
import org.gridlens.geodata.sql.SqlResource;

/**
 * Finds hot areas in PostGIS (two ST_ClusterDBSCAN passes, see hot_areas.sql) and summarises each in
 * Java: dates, median repeat interval, top sources, open share, weekly counts and their Mann-Kendall
 * trend. Areas are ranked by incident count, then by the latest incident; ids are 1..n in rank order.
 *
 * <p>Limits: an incident belongs to at most one area (DBSCAN); incidents of a sparse slice next to a
 * dense one are not pulled in. The outline is a convex hull, so an L-shaped street reads as a triangle.
 */
public final class HotAreaFinder {

    /** Mann-Kendall significance for the per-area trend label. */
    public static final double TREND_ALPHA = 0.05;

    private static final String AREAS = SqlResource.load(HotAreaFinder.class, "hot_areas.sql");
    private static final String CATEGORIES = SqlResource.load(HotAreaFinder.class, "categories_in_outline.sql");

    private final DataSource dataSource;

    public HotAreaFinder(DataSource dataSource) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
    }

    public HotAreaReport find(HotAreaRequest req) {
        List<Raw> raws = new ArrayList<>();
        try (Connection c = dataSource.getConnection()) {
            c.setReadOnly(true);
            try (PreparedStatement ps = c.prepareStatement(AREAS)) {
                int i = 1;
                ps.setDate(i++, Date.valueOf(req.window().from()));
                ps.setInt(i++, req.days());
                ps.setDate(i++, Date.valueOf(req.window().to()));
                Array cats = c.createArrayOf("text", req.filter().categoryPatterns());
                Array srcs = c.createArrayOf("text", req.filter().sourceArray());
                ps.setArray(i++, cats);
                ps.setArray(i++, cats);
                ps.setArray(i++, srcs);
                ps.setArray(i++, srcs);
                ps.setDouble(i++, req.radiusM());
                ps.setInt(i++, req.minCount());
                ps.setDouble(i, req.radiusM());
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        raws.add(new Raw(rs.getString(1), (Long[]) rs.getArray(3).getArray(), (Long[]) rs.getArray(4).getArray(),
                                (String[]) rs.getArray(5).getArray(), rs.getLong(6), rs.getLong(7), rs.getString(8),
                                rs.getDouble(9), rs.getDouble(10), rs.getString(11)));
                    }
                }
            }
            raws.sort(Comparator.comparingInt((Raw r) -> -r.ids.length).thenComparing(r -> -r.epochs[r.epochs.length - 1])
                    .thenComparing(r -> r.category).thenComparingDouble(r -> r.lon));
            List<HotArea> areas = new ArrayList<>();
            Map<Integer, long[]> ids = new HashMap<>();
            try (PreparedStatement ps = c.prepareStatement(CATEGORIES)) {
                for (int k = 0; k < raws.size(); k++) {
                    Raw r = raws.get(k);
                    int id = k + 1;
                    areas.add(summarise(id, r, req.window(), topCategories(ps, r.outline, req.window())));
                    ids.put(id, Arrays.stream(r.ids).mapToLong(Long::longValue).toArray());
                }
            }
            return new HotAreaReport(req, areas, ids);
        } catch (SQLException e) {
            throw new IllegalStateException("hot area query failed: " + e.getMessage(), e);
        }
    }

    private static Map<String, Long> topCategories(PreparedStatement ps, String outline, TimeWindow w) throws SQLException {
        ps.setString(1, outline);
        ps.setDate(2, Date.valueOf(w.from()));
        ps.setDate(3, Date.valueOf(w.to()));
        Map<String, Long> out = new LinkedHashMap<>();
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.put(rs.getString(1), rs.getLong(2));
            }
        }
        return out;
    }

    private static HotArea summarise(int id, Raw r, TimeWindow w, Map<String, Long> topCategories) {
        int n = r.epochs.length;
        double[] gaps = new double[Math.max(0, n - 1)];
        for (int i = 1; i < n; i++) {
            gaps[i - 1] = (r.epochs[i] - r.epochs[i - 1]) / 86400.0;
        }
        Arrays.sort(gaps);
        double median = gaps.length == 0 ? 0 : gaps.length % 2 == 1 ? gaps[gaps.length / 2]
                : (gaps[gaps.length / 2 - 1] + gaps[gaps.length / 2]) / 2;
        Map<String, Long> sources = new TreeMap<>();
        for (String s : r.sources) {
            sources.merge(s, 1L, Long::sum);
        }
        Map<String, Long> top = new LinkedHashMap<>();
        sources.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed()).limit(3)
                .forEach(e -> top.put(e.getKey(), e.getValue()));
        long startEpoch = w.from().atStartOfDay(TimeWindow.ZONE).toEpochSecond();
        int weeks = (int) ((w.days() + 6) / 7);
        int[] weekly = new int[weeks];
        for (long e : r.epochs) {
            int step = (int) ((e - startEpoch) / (7 * 86400L));
            if (step >= 0 && step < weeks) {
                weekly[step]++;
            }
        }
        double[] series = Arrays.stream(weekly).asDoubleStream().toArray();
        MannKendall mk = weeks >= 3 ? MannKendall.test(series) : new MannKendall(0, 0, 0, 1);
        String trend = switch (mk.trend(TREND_ALPHA)) {
            case 1 -> "increasing";
            case -1 -> "decreasing";
            default -> "none";
        };
        LocalDate first = LocalDate.ofInstant(Instant.ofEpochSecond(r.epochs[0]), TimeWindow.ZONE);
        LocalDate last = LocalDate.ofInstant(Instant.ofEpochSecond(r.epochs[n - 1]), TimeWindow.ZONE);
        double openShare = r.notRejected == 0 ? 0 : (double) r.open / r.notRejected;
        return new HotArea(id, id, r.category, r.outline, r.lon, r.lat, r.grid, n, first, last, median, top, topCategories,
                openShare, weekly, mk.z(), mk.p(), trend);
    }

    private record Raw(String category, Long[] ids, Long[] epochs, String[] sources, long open, long notRejected,
                       String outline, double lon, double lat, String grid) {
    }
}
