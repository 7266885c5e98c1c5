package org.gridlens.geodata.analytics.hotspot;

import java.util.Arrays;
import org.locationtech.jts.geom.Envelope;

/**
 * Builds binary Gi* weights from point coordinates in a metric CRS (EPSG:4543 metres here; never
 * degrees). Neighbours are found through a uniform grid index over the points (buckets of about
 * three points' spacing, stored as flat int arrays), so a build is O(n + pairs) without boxing.
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
    private final double minX;
    private final double minY;
    private final double bucket;
    private final int cols;
    private final int rows;
    private final int[] start;   // bucket b holds order[start[b] .. start[b + 1])
    private final int[] order;

    /** @param x easting in metres, @param y northing in metres; same length, finite values */
    public SpatialWeightsBuilder(double[] x, double[] y) {
        if (x.length != y.length) {
            throw new IllegalArgumentException("x and y differ in length: " + x.length + " vs " + y.length);
        }
        for (int i = 0; i < x.length; i++) {
            if (!Double.isFinite(x[i]) || !Double.isFinite(y[i])) {
                throw new IllegalArgumentException("coordinate " + i + " is not finite");
            }
        }
        this.x = x.clone();
        this.y = y.clone();
        Envelope e = extent();
        minX = e.getMinX();
        minY = e.getMinY();
        double spacing = Math.sqrt(Math.max(1.0, e.getWidth()) * Math.max(1.0, e.getHeight()) / Math.max(1, x.length));
        bucket = Math.max(1e-6, 3 * spacing);
        cols = (int) Math.min(4096, Math.floor(e.getWidth() / bucket) + 1);
        rows = (int) Math.min(4096, Math.floor(e.getHeight() / bucket) + 1);
        start = new int[cols * rows + 1];
        int[] cellOf = new int[x.length];
        for (int i = 0; i < x.length; i++) {
            cellOf[i] = col(x[i]) + row(y[i]) * cols;
            start[cellOf[i] + 1]++;
        }
        for (int b = 0; b < cols * rows; b++) {
            start[b + 1] += start[b];
        }
        order = new int[x.length];
        int[] fill = Arrays.copyOf(start, start.length - 1);
        for (int i = 0; i < x.length; i++) {
            order[fill[cellOf[i]]++] = i;
        }
    }

    private int col(double v) {
        return (int) Math.max(0, Math.min(cols - 1, Math.floor((v - minX) / bucket)));
    }

    private int row(double v) {
        return (int) Math.max(0, Math.min(rows - 1, Math.floor((v - minY) / bucket)));
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
            // keep the k closest others by insertion into a sorted array of k (ties: lower index first);
            // k ≤ n − 1 and candidate lists are short, so this beats sorting boxed candidates
            int[] best = new int[k];
            double[] bestD = new double[k];
            int filled = 0;
            for (int j : cand) {
                if (j == i) {
                    continue;
                }
                double d = d2(i, j);
                if (filled == k && (d > bestD[k - 1] || d == bestD[k - 1] && j > best[k - 1])) {
                    continue;
                }
                int pos = filled < k ? filled++ : k - 1;
                while (pos > 0 && (bestD[pos - 1] > d || bestD[pos - 1] == d && best[pos - 1] > j)) {
                    bestD[pos] = bestD[pos - 1];
                    best[pos] = best[pos - 1];
                    pos--;
                }
                bestD[pos] = d;
                best[pos] = j;
            }
            int[] row = new int[k + 1];
            row[0] = i;
            System.arraycopy(best, 0, row, 1, k);
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
        int c0 = col(x[i] - r);
        int c1 = col(x[i] + r);
        int r0 = row(y[i] - r);
        int r1 = row(y[i] + r);
        int[] out = new int[16];
        int n = 0;
        for (int rr = r0; rr <= r1; rr++) {
            for (int cc = c0; cc <= c1; cc++) {
                int b = cc + rr * cols;
                for (int k = start[b]; k < start[b + 1]; k++) {
                    int j = order[k];
                    if (d2(i, j) <= r2) {
                        if (n == out.length) {
                            out = Arrays.copyOf(out, n * 2);
                        }
                        out[n++] = j;
                    }
                }
            }
        }
        int[] res = Arrays.copyOf(out, n);
        Arrays.sort(res);
        return res;
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
