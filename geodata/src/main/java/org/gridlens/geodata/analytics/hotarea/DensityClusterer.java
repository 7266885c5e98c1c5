package org.gridlens.geodata.analytics.hotarea;

import java.util.Arrays;

/**
 * DBSCAN over planar points (metres) with a uniform grid hash, giving the same answers as PostGIS's
 * {@code ST_ClusterDBSCAN} for the two questions hot areas ask:
 * <ul>
 *   <li>{@link #dense}: is a point a member of some cluster, i.e. a core point (≥ minPoints points,
 *       itself included, within eps) or within eps of one (a border point);</li>
 *   <li>{@link #components}: the clusters of {@code minpoints := 1}, i.e. the connected components of the
 *       "within eps" graph.</li>
 * </ul>
 * "Within eps" is {@code sqrt(dx² + dy²) <= eps}, as ST_DWithin between points. Which cluster a border
 * point joins is not asked (PostGIS leaves it arbitrary too), so both answers are deterministic.
 *
 * <p>Cost: the grid has cells of side eps/√2, so every pair in one cell is within eps. A cell holding
 * ≥ minPoints points makes all of them core without a distance test, and a cell joins a component as a
 * whole; only pairs in the surrounding 5 × 5 cells are tested. Dense hot spots therefore cost
 * about linear time, where a per-point neighbour search is quadratic in the points of one spot.
 */
public final class DensityClusterer {

    private static final int[][] NEIGHBOURS = neighbourOffsets();

    private final double[] x;
    private final double[] y;
    private final double eps;
    private final double eps2;
    private final double side;

    /**
     * @param x   east coordinates in metres
     * @param y   north coordinates in metres
     * @param eps the neighbourhood radius in metres, &gt; 0
     */
    public DensityClusterer(double[] x, double[] y, double eps) {
        if (x.length != y.length) {
            throw new IllegalArgumentException("x and y differ in length");
        }
        if (!(eps > 0) || Double.isInfinite(eps)) {
            throw new IllegalArgumentException("eps must be a positive finite distance");
        }
        this.x = x;
        this.y = y;
        this.eps = eps;
        this.eps2 = eps * eps;
        this.side = eps / Math.sqrt(2) * (1 - 1e-9);
    }

    /**
     * Marks the points of {@code members} (indexes into x/y) that DBSCAN(eps, minPoints) puts in a cluster.
     *
     * @return a flag per entry of {@code members}, in the same order
     */
    public boolean[] dense(int[] members, int minPoints) {
        if (minPoints < 1) {
            throw new IllegalArgumentException("minPoints must be at least 1");
        }
        int n = members.length;
        boolean[] core = new boolean[n];
        if (n < minPoints) {
            return core;
        }
        Grid g = new Grid(members);
        for (int c = 0; c < g.cellCount; c++) {
            int from = g.start[c];
            int to = g.start[c + 1];
            if (to - from >= minPoints) {
                for (int k = from; k < to; k++) {
                    core[g.order[k]] = true;
                }
                continue;
            }
            int[] around = g.around(c);
            for (int k = from; k < to; k++) {
                int p = g.order[k];
                int count = to - from; // the whole own cell is within eps (itself included)
                for (int nc : around) {
                    for (int m = g.start[nc]; m < g.start[nc + 1] && count < minPoints; m++) {
                        if (within(members[p], members[g.order[m]])) {
                            count++;
                        }
                    }
                    if (count >= minPoints) {
                        break;
                    }
                }
                core[p] = count >= minPoints;
            }
        }
        boolean[] kept = core.clone();
        for (int c = 0; c < g.cellCount; c++) {
            int from = g.start[c];
            int to = g.start[c + 1];
            boolean cellHasCore = false;
            for (int k = from; k < to && !cellHasCore; k++) {
                cellHasCore = core[g.order[k]];
            }
            int[] around = null;
            for (int k = from; k < to; k++) {
                int p = g.order[k];
                if (kept[p]) {
                    continue;
                }
                if (cellHasCore) {
                    kept[p] = true;
                    continue;
                }
                if (around == null) {
                    around = g.around(c);
                }
                search:
                for (int nc : around) {
                    for (int m = g.start[nc]; m < g.start[nc + 1]; m++) {
                        int q = g.order[m];
                        if (core[q] && within(members[p], members[q])) {
                            kept[p] = true;
                            break search;
                        }
                    }
                }
            }
        }
        return kept;
    }

    /**
     * Labels the connected components of the "within eps" graph over {@code members}.
     *
     * @return a component label per entry of {@code members} (0..k−1, numbered in order of first appearance)
     */
    public int[] components(int[] members) {
        int n = members.length;
        int[] parent = new int[n];
        for (int i = 0; i < n; i++) {
            parent[i] = i;
        }
        if (n > 0) {
            Grid g = new Grid(members);
            for (int c = 0; c < g.cellCount; c++) {
                int from = g.start[c];
                for (int k = from + 1; k < g.start[c + 1]; k++) {
                    union(parent, g.order[from], g.order[k]);
                }
            }
            for (int c = 0; c < g.cellCount; c++) {
                int a = g.order[g.start[c]];
                for (int nc : g.around(c)) {
                    if (nc < c || find(parent, a) == find(parent, g.order[g.start[nc]])) {
                        continue; // each cell pair once; already joined pairs need no test
                    }
                    joinCells(g, c, nc, members, parent);
                }
            }
        }
        int[] label = new int[n];
        int[] byRoot = new int[n];
        Arrays.fill(byRoot, -1);
        int next = 0;
        for (int i = 0; i < n; i++) {
            int r = find(parent, i);
            if (byRoot[r] < 0) {
                byRoot[r] = next++;
            }
            label[i] = byRoot[r];
        }
        return label;
    }

    private void joinCells(Grid g, int c, int nc, int[] members, int[] parent) {
        for (int k = g.start[c]; k < g.start[c + 1]; k++) {
            for (int m = g.start[nc]; m < g.start[nc + 1]; m++) {
                if (within(members[g.order[k]], members[g.order[m]])) {
                    union(parent, g.order[k], g.order[m]);
                    return;
                }
            }
        }
    }

    private boolean within(int a, int b) {
        double dx = x[a] - x[b];
        double dy = y[a] - y[b];
        return Math.sqrt(dx * dx + dy * dy) <= eps;
    }

    private static int find(int[] parent, int i) {
        while (parent[i] != i) {
            parent[i] = parent[parent[i]];
            i = parent[i];
        }
        return i;
    }

    private static void union(int[] parent, int a, int b) {
        int ra = find(parent, a);
        int rb = find(parent, b);
        if (ra != rb) {
            parent[Math.max(ra, rb)] = Math.min(ra, rb);
        }
    }

    /**
     * Cells within reach of eps at a side just under eps/√2: the 5 × 5 block without the centre (the
     * corners stay: their nearest corner is at the side × √2, just under eps).
     */
    private static int[][] neighbourOffsets() {
        int[][] out = new int[24][];
        int k = 0;
        for (int dx = -2; dx <= 2; dx++) {
            for (int dy = -2; dy <= 2; dy++) {
                if (dx == 0 && dy == 0) {
                    continue;
                }
                out[k++] = new int[] {dx, dy};
            }
        }
        return out;
    }

    /** Members bucketed into non-empty cells, sorted by cell key; cells found by binary search. */
    private final class Grid {
        final int[] order;
        final int[] start;
        final long[] keys;
        final int[] cx;
        final int[] cy;
        final int cellCount;
        /** Cell index by gx × height + gy when the grid's box is small enough, else null (binary search). */
        final int[] dense;
        final int height;

        Grid(int[] members) {
            int n = members.length;
            double minX = Double.POSITIVE_INFINITY;
            double minY = Double.POSITIVE_INFINITY;
            for (int m : members) {
                minX = Math.min(minX, x[m]);
                minY = Math.min(minY, y[m]);
            }
            if (n >= (1 << 22)) {
                throw new IllegalArgumentException("at most 4,194,303 points");
            }
            long[] packed = new long[n];
            for (int i = 0; i < n; i++) {
                long gx = (long) Math.floor((x[members[i]] - minX) / side);
                long gy = (long) Math.floor((y[members[i]] - minY) / side);
                if (gx >= (1L << 20) || gy >= (1L << 20)) {
                    throw new IllegalArgumentException("points span too many cells for eps " + eps);
                }
                packed[i] = (key(gx, gy) << 22) | i;
            }
            Arrays.sort(packed);
            order = new int[n];
            long[] k = new long[n];
            int[] s = new int[n + 1];
            int cells = 0;
            long prev = -1;
            for (int i = 0; i < n; i++) {
                long cell = packed[i] >>> 22;
                order[i] = (int) (packed[i] & ((1L << 22) - 1));
                if (cell != prev) {
                    k[cells] = cell;
                    s[cells++] = i;
                    prev = cell;
                }
            }
            s[cells] = n;
            cellCount = cells;
            keys = Arrays.copyOf(k, cells);
            start = Arrays.copyOf(s, cells + 1);
            cx = new int[cells];
            cy = new int[cells];
            int maxX = 0;
            int maxY = 0;
            for (int c = 0; c < cells; c++) {
                cx[c] = (int) (keys[c] >>> 20);
                cy[c] = (int) (keys[c] & ((1L << 20) - 1));
                maxX = Math.max(maxX, cx[c]);
                maxY = Math.max(maxY, cy[c]);
            }
            height = maxY + 1;
            long box = (long) (maxX + 1) * height;
            if (box <= Math.max(1 << 16, 8L * n)) {
                dense = new int[(int) box];
                Arrays.fill(dense, -1);
                for (int c = 0; c < cells; c++) {
                    dense[cx[c] * height + cy[c]] = c;
                }
            } else {
                dense = null;
            }
        }

        /** The non-empty cells within reach of cell c (not c itself). */
        int[] around(int c) {
            int[] out = new int[NEIGHBOURS.length];
            int n = 0;
            for (int[] d : NEIGHBOURS) {
                int nc = find(cx[c] + d[0], cy[c] + d[1]);
                if (nc >= 0) {
                    out[n++] = nc;
                }
            }
            return Arrays.copyOf(out, n);
        }

        int find(int gx, int gy) {
            if (gx < 0 || gy < 0 || gx >= (1 << 20) || gy >= (1 << 20)) {
                return -1;
            }
            if (dense != null) {
                return gy >= height || (long) gx * height + gy >= dense.length ? -1 : dense[gx * height + gy];
            }
            int i = Arrays.binarySearch(keys, key(gx, gy));
            return i >= 0 ? i : -1;
        }

        private long key(long gx, long gy) {
            return (gx << 20) | gy;
        }
    }
}
