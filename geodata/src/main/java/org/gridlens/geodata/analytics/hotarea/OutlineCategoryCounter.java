package org.gridlens.geodata.analytics.hotarea;

import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.locationtech.jts.algorithm.Orientation;
import org.locationtech.jts.algorithm.locate.IndexedPointInAreaLocator;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.Location;
import org.locationtech.jts.geom.Polygon;

/**
 * Counts the categories of all incidents inside a hot area's outline, in EPSG:4543 metres: the outline
 * is the convex hull of the area's incidents buffered by {@link #MARGIN_M} (the published outline before
 * PostGIS rounds it to 6 decimals in WGS84), points on the boundary count. The earlier SQL tested the
 * rounded WGS84 outline in EPSG:3857, so a point within a few centimetres of the edge may count
 * differently.
 *
 * <p>The points are bucketed once into 25 m cells (sorted by cell, coordinates and categories copied in
 * that order). For an outline, a cell whose four corners lie in the convex hull itself lies in the hull,
 * hence at least 9.8 m inside the outline (the buffer's arcs are chords of a 10 m circle), so its points
 * all count without a test; the points of other cells are tested against the outline with JTS's robust
 * point locator (after its envelope, and a hull test that counts those inside the hull at once). The
 * corner and hull tests use JTS's exact orientation predicate, so every count equals a point-by-point
 * test of the outline. Safe for concurrent {@link #top3} calls once built.
 */
final class OutlineCategoryCounter {

    /** The buffer around the hull, in metres. */
    static final double MARGIN_M = 10;

    private static final double CELL = 25;
    private static final GeometryFactory FACTORY = new GeometryFactory();

    private final String[] names;
    private final double minX;
    private final double minY;
    /** Distinct non-empty cells, sorted: row (gy) in the high 32 bits, column (gx) in the low. */
    private final long[] cellKeys;
    /** Points of cellKeys[c] are at positions cellStart[c] .. cellStart[c + 1] − 1 of the arrays below. */
    private final int[] cellStart;
    private final double[] px;
    private final double[] py;
    private final int[] pc;

    /**
     * @param x        east of every incident of the window (all categories and sources), first {@code size} used
     * @param y        north of every incident
     * @param category the category number of every incident, an index into {@code names}
     */
    OutlineCategoryCounter(double[] x, double[] y, int[] category, String[] names, int size) {
        this.names = names;
        double mx = Double.POSITIVE_INFINITY;
        double my = Double.POSITIVE_INFINITY;
        for (int i = 0; i < size; i++) {
            mx = Math.min(mx, x[i]);
            my = Math.min(my, y[i]);
        }
        minX = mx;
        minY = my;
        long[] key = new long[size];
        for (int i = 0; i < size; i++) {
            key[i] = key(cx(x[i]), cy(y[i]));
        }
        long[] sorted = key.clone();
        Arrays.parallelSort(sorted);
        int cells = 0;
        for (int i = 0; i < size; i++) {
            if (i == 0 || sorted[i] != sorted[i - 1]) {
                sorted[cells++] = sorted[i];
            }
        }
        cellKeys = Arrays.copyOf(sorted, cells);
        int[] cellOf = new int[size];
        cellStart = new int[cells + 1];
        for (int i = 0; i < size; i++) {
            cellOf[i] = Arrays.binarySearch(cellKeys, key[i]);
            cellStart[cellOf[i] + 1]++;
        }
        for (int c = 0; c < cells; c++) {
            cellStart[c + 1] += cellStart[c];
        }
        int[] fill = Arrays.copyOf(cellStart, cells);
        px = new double[size];
        py = new double[size];
        pc = new int[size];
        for (int i = 0; i < size; i++) {
            int at = fill[cellOf[i]]++;
            px[at] = x[i];
            py[at] = y[i];
            pc[at] = category[i];
        }
    }

    /** The convex hull of points (a point or line for fewer than three distinct ones). */
    static Geometry hull(double[] px, double[] py) {
        Coordinate[] cs = new Coordinate[px.length];
        for (int i = 0; i < px.length; i++) {
            cs[i] = new Coordinate(px[i], py[i]);
        }
        return FACTORY.createMultiPointFromCoords(cs).convexHull();
    }

    /** The three commonest categories inside the hull buffered by {@link #MARGIN_M}, most first (ties by code). */
    Map<String, Long> top3(Geometry hull) {
        Geometry outline = hull.buffer(MARGIN_M);
        Envelope e = outline.getEnvelopeInternal();
        IndexedPointInAreaLocator locator = new IndexedPointInAreaLocator(outline);
        ConvexRing ring = hull instanceof Polygon polygon ? new ConvexRing(polygon) : null;
        long[] counts = new long[names.length];
        Coordinate c = new Coordinate();
        long gxFrom = Math.max(0, cx(e.getMinX())); // no point lies left of or below cell (0, 0)
        long gxTo = cx(e.getMaxX());
        for (long gy = Math.max(0, cy(e.getMinY())); gy <= cy(e.getMaxY()); gy++) {
            int cell = Arrays.binarySearch(cellKeys, key(gxFrom, gy));
            for (int k = cell >= 0 ? cell : -cell - 1; k < cellKeys.length && cellKeys[k] <= key(gxTo, gy); k++) {
                long gx = cellKeys[k] & 0xFFFFFFFFL;
                double x0 = minX + gx * CELL;
                double y0 = minY + gy * CELL;
                if (ring != null && ring.covers(x0, y0) && ring.covers(x0 + CELL, y0) && ring.covers(x0, y0 + CELL)
                        && ring.covers(x0 + CELL, y0 + CELL)) {
                    for (int j = cellStart[k]; j < cellStart[k + 1]; j++) {
                        counts[pc[j]]++;
                    }
                    continue;
                }
                for (int j = cellStart[k]; j < cellStart[k + 1]; j++) {
                    c.x = px[j];
                    c.y = py[j];
                    if (e.contains(c) && ((ring != null && ring.covers(c.x, c.y)) || locator.locate(c) != Location.EXTERIOR)) {
                        counts[pc[j]]++;
                    }
                }
            }
        }
        Map<String, Long> byName = new HashMap<>();
        for (int k = 0; k < counts.length; k++) {
            if (counts[k] > 0) {
                byName.put(names[k], counts[k]);
            }
        }
        Map<String, Long> out = new LinkedHashMap<>();
        byName.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                .limit(3).forEach(en -> out.put(en.getKey(), en.getValue()));
        return out;
    }

    private long cx(double v) {
        return (long) Math.floor((v - minX) / CELL);
    }

    private long cy(double v) {
        return (long) Math.floor((v - minY) / CELL);
    }

    /** Row in the high half, column in the low half, so keys sort row by row (both ≥ 0 for indexed points). */
    private static long key(long gx, long gy) {
        return (gy << 32) | (gx & 0xFFFFFFFFL);
    }

    /**
     * The shell of a convex hull: a point is covered (inside or on the boundary) when no edge has it
     * strictly on its outer side, decided by JTS's exact orientation predicate.
     */
    private static final class ConvexRing {
        private final Coordinate[] ring;
        private final int outside;

        ConvexRing(Polygon hull) {
            ring = hull.getExteriorRing().getCoordinates();
            outside = Orientation.isCCW(ring) ? Orientation.CLOCKWISE : Orientation.COUNTERCLOCKWISE;
        }

        boolean covers(double x, double y) {
            Coordinate q = new Coordinate(x, y);
            for (int i = 0; i + 1 < ring.length; i++) {
                if (Orientation.index(ring[i], ring[i + 1], q) == outside) {
                    return false;
                }
            }
            return true;
        }
    }
}
