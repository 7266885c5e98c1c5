package org.gridlens.geodata.analytics.hotspot;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.index.strtree.STRtree;

/**
 * Builds binary Gi* weights from point coordinates in a metric CRS (EPSG:4543 metres here; never
 * degrees). Neighbours are found through a JTS {@link STRtree}, so a build is O(n log n + pairs).
 *
 * <p>Definitions, chosen to match spdep exactly:
 * <ul>
 *   <li>distance band b: j is a neighbour of i when the Euclidean distance d_ij ≤ b
 *       ({@code dnearneigh(d1 = 0, d2 = b)} + {@code include.self}); coincident points are neighbours
 *       here, whereas spdep's {@code d1 < d} drops them — the only difference, and it never arises for
 *       cell or hexagon centroids;</li>
 *   <li>k nearest neighbours: the k closest other points (ties broken by lower index), plus itself
 *       ({@code knearneigh(k)} → {@code knn2nb} + {@code include.self}); the relation is not symmetric.</li>
 * </ul>
 */
public final class SpatialWeightsBuilder {

    private final double[] x;
    private final double[] y;
    private final STRtree tree = new STRtree();

    /** @param x easting in metres, @param y northing in metres; same length, finite values */
    public SpatialWeightsBuilder(double[] x, double[] y) {
        if (x.length != y.length) {
            throw new IllegalArgumentException("x and y differ in length: " + x.length + " vs " + y.length);
        }
        for (int i = 0; i < x.length; i++) {
            if (!Double.isFinite(x[i]) || !Double.isFinite(y[i])) {
                throw new IllegalArgumentException("coordinate " + i + " is not finite");
            }
            tree.insert(new Envelope(x[i], x[i], y[i], y[i]), i);
        }
        this.x = x.clone();
        this.y = y.clone();
        tree.build();
    }

    /** Fixed distance band of {@code band} metres (binary, self included). */
    public SpatialWeights distanceBand(double band) {
        if (!(band > 0) || !Double.isFinite(band)) {
            throw new IllegalArgumentException("distance band must be a positive number of metres, got " + band);
        }
        int[][] nb = new int[x.length][];
        double b2 = band * band;
        for (int i = 0; i < x.length; i++) {
            nb[i] = within(i, band, b2);
        }
        return new SpatialWeights(nb, String.format("fixed distance band %.1f m", band));
    }

    /** The k nearest other features plus the feature itself; 1 ≤ k < n. */
    public SpatialWeights nearest(int k) {
        if (k < 1 || k >= x.length) {
            throw new IllegalArgumentException("k must be between 1 and the feature count - 1 (" + (x.length - 1) + "), got " + k);
        }
        int[][] nb = new int[x.length][];
        double start = Math.sqrt(extentArea() / x.length * (k + 1)) + 1e-9;
        for (int i = 0; i < x.length; i++) {
            double r = start;
            int[] cand;
            while (true) {
                cand = within(i, r, r * r);
                if (cand.length >= k + 1) {
                    break;
                }
                r *= 2;
            }
            final int fi = i;
            Integer[] order = Arrays.stream(cand).filter(j -> j != fi).boxed().toArray(Integer[]::new);
            Arrays.sort(order, (a, b) -> {
                int c = Double.compare(d2(fi, a), d2(fi, b));
                return c != 0 ? c : Integer.compare(a, b);
            });
            int[] row = new int[k + 1];
            row[0] = i;
            for (int m = 0; m < k; m++) {
                row[m + 1] = order[m];
            }
            Arrays.sort(row);
            nb[i] = row;
        }
        return new SpatialWeights(nb, k + " nearest neighbours");
    }

    /**
     * The default distance band, following the documented fallback of ArcGIS Optimized Hot Spot
     * Analysis (its incremental Moran's I peak search is not run here): the larger of (a) the
     * smallest distance that gives every feature at least one neighbour (the largest nearest-neighbour
     * distance) and (b) the average distance at which a feature has K neighbours, K = 5 % of the
     * features clamped to [3, 30]; never below 0.1 % of the larger extent side. Needs ≥ 2 features.
     */
    public double defaultBand() {
        int n = x.length;
        if (n < 2) {
            throw new IllegalArgumentException("a distance band needs at least 2 features");
        }
        int kk = (int) Math.max(3, Math.min(30, Math.round(0.05 * n)));
        kk = Math.min(kk, n - 1);
        SpatialWeights knn = nearest(kk);
        double maxNearest = 0;
        double sumKth = 0;
        for (int i = 0; i < n; i++) {
            double nearest = Double.MAX_VALUE;
            double kth = 0;
            for (int j : knn.neighbours()[i]) {
                if (j != i) {
                    double d = Math.sqrt(d2(i, j));
                    nearest = Math.min(nearest, d);
                    kth = Math.max(kth, d);
                }
            }
            maxNearest = Math.max(maxNearest, nearest);
            sumKth += kth;
        }
        Envelope e = extent();
        double floor = 0.001 * Math.max(e.getWidth(), e.getHeight());
        return Math.max(floor, Math.max(maxNearest, sumKth / n));
    }

    private int[] within(int i, double r, double r2) {
        List<?> hits = tree.query(new Envelope(x[i] - r, x[i] + r, y[i] - r, y[i] + r));
        List<Integer> out = new ArrayList<>(hits.size());
        for (Object o : hits) {
            int j = (Integer) o;
            if (d2(i, j) <= r2) {
                out.add(j);
            }
        }
        return out.stream().mapToInt(Integer::intValue).sorted().toArray();
    }

    private double d2(int i, int j) {
        double dx = x[i] - x[j];
        double dy = y[i] - y[j];
        return dx * dx + dy * dy;
    }

    private Envelope extent() {
        Envelope e = new Envelope();
        for (int i = 0; i < x.length; i++) {
            e.expandToInclude(x[i], y[i]);
        }
        return e;
    }

    private double extentArea() {
        Envelope e = extent();
        return Math.max(1.0, Math.max(e.getWidth(), 1.0) * Math.max(e.getHeight(), 1.0));
    }
}
