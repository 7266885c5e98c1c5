package org.gridlens.geodata.analytics.hotarea;

import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.locationtech.jts.algorithm.locate.IndexedPointInAreaLocator;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.Location;
import org.locationtech.jts.geom.prep.PreparedGeometry;
import org.locationtech.jts.geom.prep.PreparedGeometryFactory;

/**
 * The top-category counter as it was before V34 (reference for {@code HotAreaPathAgreementTest}).
 *
 * <p>Counts the categories of all incidents inside a hot area's outline, in EPSG:4543 metres: the outline
 * is the convex hull of the area's incidents buffered by {@link #MARGIN_M} (the published outline before
 * PostGIS rounds it to 6 decimals in WGS84), points on the boundary count. The earlier SQL tested the
 * rounded WGS84 outline in EPSG:3857, so a point within a few centimetres of the edge may count
 * differently. The points are bucketed once in a grid of 100 m cells: a cell inside the outline adds its
 * category counts at once, only the points of cells on the edge are tested one by one.
 */
final class LegacyOutlineCategoryCounter {

    private static final double CELL = 100;
    private static final GeometryFactory FACTORY = new GeometryFactory();

    private final double[] x;
    private final double[] y;
    private final int[] category;
    private final String[] names;
    private final double minX;
    private final double minY;
    private final Map<Long, int[]> cells = new HashMap<>();
    private final Map<Long, long[]> cellCounts = new HashMap<>();
    private final Map<Long, double[]> cellXy = new HashMap<>();

    /** The buffer around the hull, in metres. */
    static final double MARGIN_M = 10;

    /**
     * @param x        east of every incident of the window (all categories and sources), first {@code size} used
     * @param y        north of every incident
     * @param category the category number of every incident, an index into {@code names}
     */
    LegacyOutlineCategoryCounter(double[] x, double[] y, int[] category, String[] names, int size) {
        this.x = x;
        this.y = y;
        this.category = category;
        this.names = names;
        double mx = Double.POSITIVE_INFINITY;
        double my = Double.POSITIVE_INFINITY;
        for (int i = 0; i < size; i++) {
            mx = Math.min(mx, x[i]);
            my = Math.min(my, y[i]);
        }
        minX = mx;
        minY = my;
        Map<Long, int[]> building = new HashMap<>();
        Map<Long, Integer> fill = new HashMap<>();
        for (int i = 0; i < size; i++) {
            long key = key(cx(x[i]), cy(y[i]));
            int[] list = building.computeIfAbsent(key, k -> new int[4]);
            int n = fill.merge(key, 1, Integer::sum);
            if (n > list.length) {
                list = Arrays.copyOf(list, list.length * 2);
                building.put(key, list);
            }
            list[n - 1] = i;
        }
        building.forEach((k, list) -> cells.put(k, Arrays.copyOf(list, fill.get(k))));
    }

    /** The convex hull of points (a point or line for fewer than three distinct ones). */
    static Geometry hull(double[] px, double[] py) {
        Coordinate[] cs = new Coordinate[px.length];
        for (int i = 0; i < px.length; i++) {
            cs[i] = new Coordinate(px[i], py[i]);
        }
        return FACTORY.createMultiPointFromCoords(cs).convexHull();
    }

    /** The three commonest categories inside the outline, most first (ties by code). */
    Map<String, Long> top3(Geometry outline) {
        Envelope e = outline.getEnvelopeInternal();
        PreparedGeometry prepared = PreparedGeometryFactory.prepare(outline);
        IndexedPointInAreaLocator locator = new IndexedPointInAreaLocator(outline);
        long[] counts = new long[names.length];
        Coordinate c = new Coordinate();
        for (long gx = cx(e.getMinX()); gx <= cx(e.getMaxX()); gx++) {
            for (long gy = cy(e.getMinY()); gy <= cy(e.getMaxY()); gy++) {
                long key = key(gx, gy);
                int[] list = cells.get(key);
                if (list == null) {
                    continue;
                }
                Geometry square = FACTORY.toGeometry(new Envelope(minX + gx * CELL, minX + (gx + 1) * CELL,
                        minY + gy * CELL, minY + (gy + 1) * CELL));
                if (!prepared.intersects(square)) {
                    continue;
                }
                if (prepared.covers(square)) {
                    long[] inCell = cellCounts.computeIfAbsent(key, k -> countCell(list));
                    for (int k = 0; k < counts.length; k++) {
                        counts[k] += inCell[k];
                    }
                    continue;
                }
                double[] xy = cellXy.computeIfAbsent(key, k -> coordinates(list));
                for (int j = 0; j < list.length; j++) {
                    c.x = xy[2 * j];
                    c.y = xy[2 * j + 1];
                    if (e.contains(c) && locator.locate(c) != Location.EXTERIOR) {
                        counts[category[list[j]]]++;
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

    private double[] coordinates(int[] list) {
        double[] out = new double[2 * list.length];
        for (int j = 0; j < list.length; j++) {
            out[2 * j] = x[list[j]];
            out[2 * j + 1] = y[list[j]];
        }
        return out;
    }

    private long[] countCell(int[] list) {
        long[] out = new long[names.length];
        for (int i : list) {
            out[category[i]]++;
        }
        return out;
    }

    private long cx(double v) {
        return (long) Math.floor((v - minX) / CELL);
    }

    private long cy(double v) {
        return (long) Math.floor((v - minY) / CELL);
    }

    private static long key(long gx, long gy) {
        return gx * 0x9E3779B97F4A7C15L + gy; // mixes both into the low bits Long.hashCode uses
    }
}
