package org.gridlens.geodata.analytics.hotarea;

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
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.io.WKTWriter;
import org.postgresql.PGStatement;
import org.gridlens.geodata.analytics.IncidentFilter;
import org.gridlens.geodata.analytics.TimeWindow;
import org.gridlens.geodata.analytics.trend.MannKendall;
import org.gridlens.geodata.sql.SqlResource;

/**
 * The hot-area search as it was before migration V34 (points projected with ST_Transform per request,
 * read through JDBC rows, clustered and summarised in one thread, top categories by
 * {@link LegacyOutlineCategoryCounter}), kept unchanged as the reference that {@code HotAreaPathAgreementTest}
 * compares {@link HotAreaFinder} with. Its original description follows.
 *
 * <p>Finds hot areas with two DBSCAN passes over the incidents projected to EPSG:4543 (metres):
 * <ol>
 *   <li>per category and per D-day slice of the window, DBSCAN(eps = R, minpoints = N): an incident is
 *       kept when it belongs to a dense group (≥ N within R of a core point within the same D days);</li>
 *   <li>per category, the kept incidents of all slices are joined into areas by DBSCAN(eps = R,
 *       minpoints = 1), so a place that stays hot over many slices is one area.</li>
 * </ol>
 * The points are read once (hot_area_points.sql) and clustered in Java by {@link DensityClusterer}, which
 * answers exactly as {@code ST_ClusterDBSCAN} in PostGIS for these two questions
 * ({@code HotAreaClusteringAgreementTest} compares them) but in about linear time, where PostGIS's
 * per-point neighbour search is quadratic inside a dense spot. The kept incidents go back to PostGIS
 * once for the outlines, centres and grids (hot_area_summaries.sql); the rest is summarised in Java: the
 * top categories of all incidents inside each outline ({@link LegacyOutlineCategoryCounter}), dates, median
 * repeat interval, top sources, open share, weekly counts and their Mann-Kendall trend. Areas are ranked by incident count, then by the
 * latest incident; ids are 1..n in rank order.
 *
 * <p>Limits: an incident belongs to at most one area (DBSCAN); incidents of a sparse slice next to a
 * dense one are not pulled in. The outline is a convex hull, so an L-shaped street reads as a triangle.
 */
final class LegacyHotAreaFinder {

    /** Mann-Kendall significance for the per-area trend label. */
    public static final double TREND_ALPHA = 0.05;

    private static final String POINTS = SqlResource.load(LegacyHotAreaFinder.class, "hot_area_points_legacy.sql");
    private static final String SUMMARIES = SqlResource.load(LegacyHotAreaFinder.class, "hot_area_summaries.sql");

    private final DataSource dataSource;

    LegacyHotAreaFinder(DataSource dataSource) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
    }

    public HotAreaReport find(HotAreaRequest req) {
        try (Connection c = dataSource.getConnection()) {
            c.setReadOnly(true);
            Points points = readPoints(c, req);
            List<Raw> raws = areas(points, cluster(points, req));
            raws.sort(Comparator.comparingInt((Raw r) -> -r.ids.length).thenComparing(r -> -r.epochs[r.epochs.length - 1])
                    .thenComparing(r -> r.category).thenComparingDouble(r -> r.centreX));
            placeAll(c, raws);
            List<Map<String, Long>> topCategories = topCategories(points, raws);
            List<HotArea> areas = new ArrayList<>();
            Map<Integer, long[]> ids = new HashMap<>();
            for (int k = 0; k < raws.size(); k++) {
                Raw r = raws.get(k);
                int id = k + 1;
                areas.add(summarise(id, r, req.window(), topCategories.get(k)));
                ids.put(id, r.ids.clone());
            }
            return new HotAreaReport(req, areas, ids);
        } catch (SQLException e) {
            throw new IllegalStateException("hot area query failed: " + e.getMessage(), e);
        }
    }

    /** Groups the clustered points into areas: members in time order, counts, hull and mean centre. */
    private static List<Raw> areas(Points p, Clusters clusters) {
        int areaCount = 0;
        for (int a : clusters.areas) {
            areaCount = Math.max(areaCount, a + 1);
        }
        int[] size = new int[areaCount];
        for (int a : clusters.areas) {
            size[a]++;
        }
        int[][] members = new int[areaCount][];
        for (int a = 0; a < areaCount; a++) {
            members[a] = new int[size[a]];
        }
        int[] fill = new int[areaCount];
        for (int k = 0; k < clusters.points.length; k++) {
            int a = clusters.areas[k];
            members[a][fill[a]++] = clusters.points[k];
        }
        String[] sourceNames = p.sourceNames();
        String[] categoryNames = p.categoryNames();
        List<Raw> out = new ArrayList<>(areaCount);
        for (int a = 0; a < areaCount; a++) {
            Integer[] m = Arrays.stream(members[a]).boxed().toArray(Integer[]::new);
            Arrays.sort(m, Comparator.comparingLong((Integer i) -> p.micros[i]).thenComparingLong(i -> p.id[i]));
            int n = m.length;
            long[] ids = new long[n];
            long[] epochs = new long[n];
            String[] sources = new String[n];
            double[] ax = new double[n];
            double[] ay = new double[n];
            long open = 0;
            long notRejected = 0;
            double sx = 0;
            double sy = 0;
            for (int k = 0; k < n; k++) {
                int i = m[k];
                ids[k] = p.id[i];
                epochs[k] = Math.floorDiv(p.micros[i] + 500_000, 1_000_000); // as extract(epoch)::bigint rounds
                sources[k] = sourceNames[p.source[i]];
                open += p.open[i] ? 1 : 0;
                notRejected += p.rejected[i] ? 0 : 1;
                ax[k] = p.x[i];
                ay[k] = p.y[i];
                sx += p.x[i];
                sy += p.y[i];
            }
            out.add(new Raw(categoryNames[p.category[m[0]]], ids, epochs, sources, open, notRejected,
                    LegacyOutlineCategoryCounter.hull(ax, ay), sx / n, sy / n));
        }
        return out;
    }

    /** Outline (GeoJSON, WGS84), centre and grid of every area, in one round trip. */
    private static void placeAll(Connection c, List<Raw> raws) throws SQLException {
        if (raws.isEmpty()) {
            return;
        }
        WKTWriter wkt = new WKTWriter();
        try (PreparedStatement ps = c.prepareStatement(SUMMARIES)) {
            ps.setArray(1, c.createArrayOf("text", raws.stream().map(r -> wkt.write(r.hull)).toArray()));
            ps.setArray(2, c.createArrayOf("float8", raws.stream().map(r -> r.centreX).toArray()));
            ps.setArray(3, c.createArrayOf("float8", raws.stream().map(r -> r.centreY).toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Raw r = raws.get(rs.getInt(1) - 1);
                    r.outline = rs.getString(2);
                    r.lon = rs.getDouble(3);
                    r.lat = rs.getDouble(4);
                    r.grid = rs.getString(5);
                }
            }
        }
    }

    private static Points readPoints(Connection c, HotAreaRequest req) throws SQLException {
        Points p = new Points();
        boolean autoCommit = c.getAutoCommit();
        c.setAutoCommit(false); // lets the driver stream the rows in batches instead of holding them twice
        try (PreparedStatement ps = c.prepareStatement(POINTS)) {
            ps.unwrap(PGStatement.class).setPrepareThreshold(-1); // binary rows: no text parsing of a million doubles
            ps.setFetchSize(50_000);
            int i = 1;
            ps.setDate(i++, Date.valueOf(req.window().from()));
            ps.setInt(i++, req.days());
            ps.setDate(i, Date.valueOf(req.window().to()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String category = rs.getString(2);
                    String source = rs.getString(3);
                    p.add(rs.getLong(1), category, source, rs.getInt(4), rs.getDouble(5), rs.getDouble(6), rs.getLong(7),
                            rs.getBoolean(8), rs.getBoolean(9), selected(req.filter(), category, source));
                }
            }
        } finally {
            c.commit();
            c.setAutoCommit(autoCommit);
        }
        return p;
    }

    /** The filter's test, as the LIKE-prefix and source tests of the other analytics' SQL. */
    private static boolean selected(IncidentFilter f, String category, String source) {
        if (!f.sources().isEmpty() && !f.sources().contains(source)) {
            return false;
        }
        if (f.categories().isEmpty()) {
            return true;
        }
        for (String prefix : f.categories()) {
            if (category.startsWith(prefix)) {
                return true;
            }
        }
        return false;
    }

    /** Both DBSCAN passes over the selected points; area labels are unique over all categories. */
    private static Clusters cluster(Points p, HotAreaRequest req) {
        DensityClusterer dbscan = new DensityClusterer(Arrays.copyOf(p.x, p.size), Arrays.copyOf(p.y, p.size), req.radiusM());
        // group point indexes by category, then by slice: sort by (category, slice, index)
        long[] order = new long[p.selectedCount];
        for (int i = 0, o = 0; i < p.size; i++) {
            if (p.selected[i]) {
                order[o++] = ((long) p.category[i] << 52) | ((long) p.slice[i] << 32) | i;
            }
        }
        Arrays.sort(order);
        int[] keptPoints = new int[order.length];
        int[] keptAreas = new int[order.length];
        int keptTotal = 0;
        int nextArea = 0;
        int i = 0;
        while (i < order.length) {
            int category = (int) (order[i] >>> 52);
            int catEnd = i;
            while (catEnd < order.length && (int) (order[catEnd] >>> 52) == category) {
                catEnd++;
            }
            int[] kept = new int[catEnd - i];
            int keptCount = 0;
            int j = i;
            while (j < catEnd) {
                long slice = (order[j] >>> 32) & 0xFFFFF;
                int sliceEnd = j;
                while (sliceEnd < catEnd && ((order[sliceEnd] >>> 32) & 0xFFFFF) == slice) {
                    sliceEnd++;
                }
                int[] members = new int[sliceEnd - j];
                for (int m = 0; m < members.length; m++) {
                    members[m] = (int) order[j + m];
                }
                boolean[] dense = dbscan.dense(members, req.minCount());
                for (int m = 0; m < members.length; m++) {
                    if (dense[m]) {
                        kept[keptCount++] = members[m];
                    }
                }
                j = sliceEnd;
            }
            int[] members = Arrays.copyOf(kept, keptCount);
            int[] labels = dbscan.components(members);
            int areasHere = 0;
            for (int m = 0; m < members.length; m++) {
                keptPoints[keptTotal] = members[m];
                keptAreas[keptTotal++] = nextArea + labels[m];
                areasHere = Math.max(areasHere, labels[m] + 1);
            }
            nextArea += areasHere;
            i = catEnd;
        }
        return new Clusters(Arrays.copyOf(keptPoints, keptTotal), Arrays.copyOf(keptAreas, keptTotal));
    }

    /** The three commonest categories of all incidents of the window inside each area's outline. */
    private static List<Map<String, Long>> topCategories(Points p, List<Raw> raws) {
        List<Map<String, Long>> out = new ArrayList<>();
        if (raws.isEmpty()) {
            return out;
        }
        LegacyOutlineCategoryCounter counter = new LegacyOutlineCategoryCounter(p.x, p.y, p.category, p.categoryNames(), p.size);
        for (Raw r : raws) {
            out.add(counter.top3(r.hull.buffer(LegacyOutlineCategoryCounter.MARGIN_M)));
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

    /** One area before ranking; outline, centre and grid are filled in by {@link #placeAll}. */
    private static final class Raw {
        final String category;
        final long[] ids;
        final long[] epochs;
        final String[] sources;
        final long open;
        final long notRejected;
        final Geometry hull;
        final double centreX;
        final double centreY;
        String outline;
        double lon;
        double lat;
        String grid;

        Raw(String category, long[] ids, long[] epochs, String[] sources, long open, long notRejected, Geometry hull,
            double centreX, double centreY) {
            this.category = category;
            this.ids = ids;
            this.epochs = epochs;
            this.sources = sources;
            this.open = open;
            this.notRejected = notRejected;
            this.hull = hull;
            this.centreX = centreX;
            this.centreY = centreY;
        }
    }

    /** The kept points (indexes into {@link Points}) and the area of each. */
    private record Clusters(int[] points, int[] areas) {
    }

    /**
     * Every incident of the window in columns (the filter's choice flagged, the rest still counts for the
     * top categories); categories numbered in order of first appearance.
     */
    private static final class Points {
        private final Map<String, Integer> categories = new HashMap<>();
        private final Map<String, Integer> sources = new HashMap<>();
        long[] id = new long[1024];
        int[] category = new int[1024];
        byte[] source = new byte[1024];
        int[] slice = new int[1024];
        double[] x = new double[1024];
        double[] y = new double[1024];
        long[] micros = new long[1024];
        boolean[] open = new boolean[1024];
        boolean[] rejected = new boolean[1024];
        boolean[] selected = new boolean[1024];
        int size;
        int selectedCount;

        void add(long incident, String cat, String src, int sliceNo, double east, double north, long reportedMicros,
                 boolean isOpen, boolean isRejected, boolean chosen) {
            if (size == id.length) {
                int n = size * 2;
                id = Arrays.copyOf(id, n);
                category = Arrays.copyOf(category, n);
                source = Arrays.copyOf(source, n);
                slice = Arrays.copyOf(slice, n);
                x = Arrays.copyOf(x, n);
                y = Arrays.copyOf(y, n);
                micros = Arrays.copyOf(micros, n);
                open = Arrays.copyOf(open, n);
                rejected = Arrays.copyOf(rejected, n);
                selected = Arrays.copyOf(selected, n);
            }
            if (sliceNo < 0 || sliceNo >= (1 << 20)) {
                throw new IllegalStateException("slice out of range: " + sliceNo);
            }
            id[size] = incident;
            category[size] = categories.computeIfAbsent(cat, k -> categories.size());
            source[size] = (byte) (int) sources.computeIfAbsent(src, k -> sources.size());
            if (categories.size() >= (1 << 11) || sources.size() > Byte.MAX_VALUE) {
                throw new IllegalStateException("more than 2047 categories or 127 sources");
            }
            slice[size] = sliceNo;
            x[size] = east;
            y[size] = north;
            micros[size] = reportedMicros;
            open[size] = isOpen;
            rejected[size] = isRejected;
            selected[size] = chosen;
            selectedCount += chosen ? 1 : 0;
            size++;
        }

        String[] categoryNames() {
            return names(categories);
        }

        String[] sourceNames() {
            return names(sources);
        }

        private static String[] names(Map<String, Integer> numbers) {
            String[] out = new String[numbers.size()];
            numbers.forEach((name, number) -> out[number] = name);
            return out;
        }
    }
}
