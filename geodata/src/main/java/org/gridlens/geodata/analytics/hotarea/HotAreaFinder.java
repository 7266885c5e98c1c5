package org.gridlens.geodata.analytics.hotarea;

import java.sql.Connection;
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
import java.util.stream.IntStream;
import javax.sql.DataSource;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.io.WKTWriter;
import org.gridlens.geodata.analytics.IncidentFilter;
import org.gridlens.geodata.analytics.TimeWindow;
import org.gridlens.geodata.analytics.trend.MannKendall;
import org.gridlens.geodata.sql.SqlResource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds hot areas with two DBSCAN passes over the incidents projected to EPSG:4543 (metres):
 * <ol>
 *   <li>per category and per D-day slice of the window, DBSCAN(eps = R, minpoints = N): an incident is
 *       kept when it belongs to a dense group (≥ N within R of a core point within the same D days);</li>
 *   <li>per category, the kept incidents of all slices are joined into areas by DBSCAN(eps = R,
 *       minpoints = 1), so a place that stays hot over many slices is one area.</li>
 * </ol>
 * The points are read once ({@link IncidentPointReader}: one binary COPY of the stored EPSG:4543
 * coordinates, V34) and clustered in Java by {@link DensityClusterer}, which answers exactly as
 * {@code ST_ClusterDBSCAN} in PostGIS for these two questions ({@code HotAreaClusteringAgreementTest}
 * compares them) but in about linear time, where PostGIS's per-point neighbour search is quadratic inside
 * a dense spot. The kept incidents go back to PostGIS once for the outlines, centres and grids
 * (hot_area_summaries.sql); the rest is summarised in Java: the top categories of all incidents inside
 * each outline ({@link OutlineCategoryCounter}), dates, median repeat interval, top sources, open share,
 * weekly counts and their Mann-Kendall trend. Areas are ranked by incident count, then by the latest
 * incident; ids are 1..n in rank order.
 *
 * <p>Categories are clustered, and areas summarised, in parallel (parallel streams on the common
 * fork-join pool, which the calling thread joins); the answer does not depend on the order the work is
 * done in. {@code HotAreaPathAgreementTest} checks that it equals, field by field, that of the earlier
 * implementation (points projected per request, all in one thread).
 *
 * <p>Limits: an incident belongs to at most one area (DBSCAN); incidents of a sparse slice next to a
 * dense one are not pulled in. The outline is a convex hull, so an L-shaped street reads as a triangle.
 */
public final class HotAreaFinder {

    /** Mann-Kendall significance for the per-area trend label. */
    public static final double TREND_ALPHA = 0.05;

    private static final String SUMMARIES = SqlResource.load(HotAreaFinder.class, "hot_area_summaries.sql");
    private static final long MICROS_PER_DAY = 86_400_000_000L;
    private static final Logger log = LoggerFactory.getLogger(HotAreaFinder.class);

    private final DataSource dataSource;

    public HotAreaFinder(DataSource dataSource) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
    }

    public HotAreaReport find(HotAreaRequest req) {
        try (Connection c = dataSource.getConnection()) {
            c.setReadOnly(true);
            long t0 = System.nanoTime();
            IncidentPoints points = readPoints(c, req.window());
            long t1 = System.nanoTime();
            Selection selection = select(points, req);
            Clusters clusters = cluster(points, selection, req);
            long t2 = System.nanoTime();
            List<Raw> raws = areas(points, clusters);
            raws.sort(Comparator.comparingInt((Raw r) -> -r.ids.length).thenComparing(r -> -r.epochs[r.epochs.length - 1])
                    .thenComparing(r -> r.category).thenComparingDouble(r -> r.centreX));
            long t3 = System.nanoTime();
            placeAll(c, raws);
            long t4 = System.nanoTime();
            List<Map<String, Long>> topCategories = topCategories(points, raws);
            long t5 = System.nanoTime();
            List<HotArea> areas = new ArrayList<>();
            Map<Integer, long[]> ids = new HashMap<>();
            for (int k = 0; k < raws.size(); k++) {
                Raw r = raws.get(k);
                int id = k + 1;
                areas.add(summarise(id, r, req.window(), topCategories.get(k)));
                ids.put(id, r.ids.clone());
            }
            log.debug("hot areas: {} incidents read in {} ms, clustered in {} ms, {} areas built in {} ms, placed in {} ms,"
                    + " top categories in {} ms, summarised in {} ms", points.size, ms(t1 - t0), ms(t2 - t1), raws.size(),
                    ms(t3 - t2), ms(t4 - t3), ms(t5 - t4), ms(System.nanoTime() - t5));
            return new HotAreaReport(req, areas, ids);
        } catch (SQLException e) {
            throw new IllegalStateException("hot area query failed: " + e.getMessage(), e);
        }
    }

    private static long ms(long nanos) {
        return nanos / 1_000_000;
    }

    private static IncidentPoints readPoints(Connection c, TimeWindow window) throws SQLException {
        boolean autoCommit = c.getAutoCommit();
        c.setAutoCommit(false); // the window's settings are transaction-local
        try {
            return IncidentPointReader.read(c, window);
        } finally {
            c.commit();
            c.setAutoCommit(autoCommit);
        }
    }

    /**
     * The filter's choice (the LIKE-prefix and source tests of the other analytics' SQL, decided once per
     * distinct category and source) and the D-day slice of every incident: floor((reported − window start)
     * / D days), in whole microseconds as the earlier SQL computed it in exact numerics.
     */
    private static Selection select(IncidentPoints p, HotAreaRequest req) {
        boolean[] categoryChosen = new boolean[p.categoryNames.length];
        for (int k = 0; k < categoryChosen.length; k++) {
            categoryChosen[k] = categorySelected(req.filter(), p.categoryNames[k]);
        }
        boolean[] sourceChosen = new boolean[p.sourceNames.length];
        for (int k = 0; k < sourceChosen.length; k++) {
            sourceChosen[k] = req.filter().sources().isEmpty() || req.filter().sources().contains(p.sourceNames[k]);
        }
        long start = req.window().from().atStartOfDay(TimeWindow.ZONE).toEpochSecond() * 1_000_000L;
        long sliceMicros = req.days() * MICROS_PER_DAY;
        boolean[] chosen = new boolean[p.size];
        int[] slice = new int[p.size];
        int count = 0;
        for (int i = 0; i < p.size; i++) {
            long s = Math.floorDiv(p.micros[i] - start, sliceMicros);
            if (s < 0 || s >= (1 << 20)) {
                throw new IllegalStateException("slice out of range: " + s);
            }
            slice[i] = (int) s;
            chosen[i] = categoryChosen[p.category[i]] && sourceChosen[p.source[i]];
            count += chosen[i] ? 1 : 0;
        }
        if (p.categoryNames.length >= (1 << 11)) {
            throw new IllegalStateException("more than 2047 categories");
        }
        return new Selection(chosen, slice, count);
    }

    private static boolean categorySelected(IncidentFilter f, String category) {
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

    /**
     * Both DBSCAN passes over the selected points, one category per task (categories are independent);
     * area labels are unique over all categories, numbered category by category in ascending order.
     */
    private static Clusters cluster(IncidentPoints p, Selection sel, HotAreaRequest req) {
        DensityClusterer dbscan = new DensityClusterer(p.x, p.y, req.radiusM());
        // group point indexes by category, then by slice: sort by (category, slice, index)
        long[] order = new long[sel.count];
        for (int i = 0, o = 0; i < p.size; i++) {
            if (sel.chosen[i]) {
                order[o++] = ((long) p.category[i] << 52) | ((long) sel.slice[i] << 32) | i;
            }
        }
        Arrays.parallelSort(order);
        List<int[]> ranges = new ArrayList<>(); // [from, to) of each category in order
        for (int i = 0; i < order.length; ) {
            int category = (int) (order[i] >>> 52);
            int end = i;
            while (end < order.length && (int) (order[end] >>> 52) == category) {
                end++;
            }
            ranges.add(new int[] {i, end});
            i = end;
        }
        int[][] members = new int[ranges.size()][];
        int[][] labels = new int[ranges.size()][];
        IntStream.range(0, ranges.size()).parallel().forEach(k -> {
            int[] kept = keptInSlices(dbscan, order, ranges.get(k)[0], ranges.get(k)[1], req.minCount());
            members[k] = kept;
            labels[k] = dbscan.components(kept);
        });
        int total = 0;
        for (int[] m : members) {
            total += m.length;
        }
        int[] keptPoints = new int[total];
        int[] keptAreas = new int[total];
        int fill = 0;
        int nextArea = 0;
        for (int k = 0; k < members.length; k++) {
            int areasHere = 0;
            for (int m = 0; m < members[k].length; m++) {
                keptPoints[fill] = members[k][m];
                keptAreas[fill++] = nextArea + labels[k][m];
                areasHere = Math.max(areasHere, labels[k][m] + 1);
            }
            nextArea += areasHere;
        }
        return new Clusters(keptPoints, keptAreas);
    }

    /** The points of one category (order[from, to)) that the first pass keeps, slice by slice. */
    private static int[] keptInSlices(DensityClusterer dbscan, long[] order, int from, int to, int minCount) {
        int[] kept = new int[to - from];
        int keptCount = 0;
        int j = from;
        while (j < to) {
            long slice = (order[j] >>> 32) & 0xFFFFF;
            int sliceEnd = j;
            while (sliceEnd < to && ((order[sliceEnd] >>> 32) & 0xFFFFF) == slice) {
                sliceEnd++;
            }
            int[] members = new int[sliceEnd - j];
            for (int m = 0; m < members.length; m++) {
                members[m] = (int) order[j + m];
            }
            boolean[] dense = dbscan.dense(members, minCount);
            for (int m = 0; m < members.length; m++) {
                if (dense[m]) {
                    kept[keptCount++] = members[m];
                }
            }
            j = sliceEnd;
        }
        return Arrays.copyOf(kept, keptCount);
    }

    /** Groups the clustered points into areas (in parallel): members in time order, counts, hull and mean centre. */
    private static List<Raw> areas(IncidentPoints p, Clusters clusters) {
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
        Raw[] out = new Raw[areaCount];
        IntStream.range(0, areaCount).parallel().forEach(a -> out[a] = area(p, members[a]));
        return new ArrayList<>(Arrays.asList(out));
    }

    private static Raw area(IncidentPoints p, int[] members) {
        int[] m = inTimeOrder(members, p.micros, p.id);
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
            sources[k] = p.sourceNames[p.source[i]];
            open += p.state[i] == IncidentPoints.OPEN ? 1 : 0;
            notRejected += p.state[i] == IncidentPoints.REJECTED ? 0 : 1;
            ax[k] = p.x[i];
            ay[k] = p.y[i];
            sx += p.x[i];
            sy += p.y[i];
        }
        return new Raw(p.categoryNames[p.category[m[0]]], ids, epochs, sources, open, notRejected,
                OutlineCategoryCounter.hull(ax, ay), sx / n, sy / n);
    }

    /**
     * {@code members} sorted by report time, then id. Packs (time − earliest) and the position into one
     * long when both fit (always for a window of ≤ 5 years and areas under 32,768 incidents), sorts the
     * longs and orders equal times by id; else sorts boxed with a comparator. Same order either way.
     */
    static int[] inTimeOrder(int[] members, long[] micros, long[] id) {
        int n = members.length;
        long min = Long.MAX_VALUE;
        long max = Long.MIN_VALUE;
        for (int i : members) {
            min = Math.min(min, micros[i]);
            max = Math.max(max, micros[i]);
        }
        if (n == 0 || n >= (1 << 15) || max - min >= (1L << 48)) {
            return Arrays.stream(members).boxed()
                    .sorted(Comparator.comparingLong((Integer i) -> micros[i]).thenComparingLong(i -> id[i]))
                    .mapToInt(Integer::intValue).toArray();
        }
        long[] packed = new long[n];
        for (int k = 0; k < n; k++) {
            packed[k] = ((micros[members[k]] - min) << 15) | k;
        }
        Arrays.sort(packed);
        int[] out = new int[n];
        for (int k = 0; k < n; k++) {
            out[k] = members[(int) (packed[k] & 0x7FFF)];
        }
        for (int k = 0; k < n; ) { // runs of equal times: order by id (insertion sort; runs are short)
            int end = k + 1;
            while (end < n && micros[out[end]] == micros[out[k]]) {
                end++;
            }
            for (int a = k + 1; a < end; a++) {
                int v = out[a];
                int b = a - 1;
                while (b >= k && id[out[b]] > id[v]) {
                    out[b + 1] = out[b];
                    b--;
                }
                out[b + 1] = v;
            }
            k = end;
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

    /** The three commonest categories of all incidents of the window inside each area's outline (areas in parallel). */
    private static List<Map<String, Long>> topCategories(IncidentPoints p, List<Raw> raws) {
        if (raws.isEmpty()) {
            return List.of();
        }
        OutlineCategoryCounter counter = new OutlineCategoryCounter(p.x, p.y, p.category, p.categoryNames, p.size);
        @SuppressWarnings("unchecked")
        Map<String, Long>[] out = new Map[raws.size()];
        IntStream.range(0, raws.size()).parallel().forEach(k -> out[k] = counter.top3(raws.get(k).hull));
        return Arrays.asList(out);
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

    /** The kept points (indexes into {@link IncidentPoints}) and the area of each. */
    private record Clusters(int[] points, int[] areas) {
    }

    /** Which points the filter chose, their number, and the D-day slice of every point. */
    private record Selection(boolean[] chosen, int[] slice, int count) {
    }
}
