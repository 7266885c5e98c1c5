package org.gridlens.geodata.analytics.hotarea;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** DBSCAN on hand-made points and, against a brute-force DBSCAN, on seeded random ones. */
class DensityClustererTest {

    @Test
    void aPointExactlyEpsAwayIsWithinReachAndOneFurtherIsNot() {
        double[] x = {0, 10, 10.000001};
        double[] y = {0, 0, 0};
        DensityClusterer d = new DensityClusterer(x, y, 10);
        assertThat(d.components(new int[] {0, 1})).containsExactly(0, 0);
        assertThat(d.components(new int[] {0, 2})).containsExactly(0, 1);
    }

    @Test
    void borderPointsOfACoreAreKeptAndNoiseIsNot() {
        // a core at the origin with 3 points within 10 m; a border point 9 m east of the outermost; noise far away
        double[] x = {0, 5, -5, 0, 14, 100};
        double[] y = {0, 0, 0, 5, 0, 100};
        DensityClusterer d = new DensityClusterer(x, y, 10);
        boolean[] kept = d.dense(new int[] {0, 1, 2, 3, 4, 5}, 4);
        assertThat(kept).containsExactly(true, true, true, true, true, false);
    }

    @Test
    void pointsAtDiagonalCellCornersAreFound() {
        // two points almost eps apart along the diagonal fall two cells apart in each direction
        double eps = 100;
        double d = eps / Math.sqrt(2) - 1e-7;
        double[] x = {0.0000001, 0.0000001 + d};
        double[] y = {0.0000001, 0.0000001 + d};
        assertThat(new DensityClusterer(x, y, eps).components(new int[] {0, 1})).containsExactly(0, 0);
    }

    @Test
    void agreesWithBruteForceDbscanOnRandomPoints() {
        Random r = new Random(20261127);
        for (int round = 0; round < 200; round++) {
            int n = 1 + r.nextInt(300);
            double[] x = new double[n];
            double[] y = new double[n];
            double spread = 50 + r.nextDouble() * 2000;
            for (int i = 0; i < n; i++) {
                boolean inSpot = r.nextInt(3) == 0;
                x[i] = 480_000 + (inSpot ? r.nextGaussian() * 30 : r.nextDouble() * spread);
                y[i] = 4_050_000 + (inSpot ? r.nextGaussian() * 30 : r.nextDouble() * spread);
            }
            double eps = 10 + r.nextDouble() * 200;
            int minPoints = 1 + r.nextInt(8);
            int[] all = IntStream.range(0, n).toArray();
            DensityClusterer d = new DensityClusterer(x, y, eps);
            assertThat(d.dense(all, minPoints)).as("round %d", round).containsExactly(bruteDense(x, y, eps, minPoints));
            assertThat(samePartition(d.components(all), bruteComponents(x, y, eps))).as("round %d", round).isTrue();
        }
    }

    @Test
    void badArgumentsAreRefused() {
        assertThatThrownBy(() -> new DensityClusterer(new double[1], new double[2], 1)).hasMessageContaining("length");
        assertThatThrownBy(() -> new DensityClusterer(new double[1], new double[1], 0)).hasMessageContaining("eps");
        assertThatThrownBy(() -> new DensityClusterer(new double[1], new double[1], Double.NaN)).hasMessageContaining("eps");
        assertThatThrownBy(() -> new DensityClusterer(new double[1], new double[1], 1).dense(new int[] {0}, 0))
                .hasMessageContaining("minPoints");
        assertThat(new DensityClusterer(new double[0], new double[0], 1).components(new int[0])).isEmpty();
    }

    private static boolean within(double[] x, double[] y, int a, int b, double eps) {
        double dx = x[a] - x[b];
        double dy = y[a] - y[b];
        return Math.sqrt(dx * dx + dy * dy) <= eps;
    }

    private static boolean[] bruteDense(double[] x, double[] y, double eps, int minPoints) {
        int n = x.length;
        boolean[] core = new boolean[n];
        for (int i = 0; i < n; i++) {
            int c = 0;
            for (int j = 0; j < n; j++) {
                if (within(x, y, i, j, eps)) {
                    c++;
                }
            }
            core[i] = c >= minPoints;
        }
        boolean[] kept = new boolean[n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n && !kept[i]; j++) {
                kept[i] = core[j] && within(x, y, i, j, eps);
            }
        }
        return kept;
    }

    private static int[] bruteComponents(double[] x, double[] y, double eps) {
        int n = x.length;
        int[] label = new int[n];
        java.util.Arrays.fill(label, -1);
        int next = 0;
        for (int s = 0; s < n; s++) {
            if (label[s] >= 0) {
                continue;
            }
            java.util.ArrayDeque<Integer> q = new java.util.ArrayDeque<>();
            q.add(s);
            label[s] = next;
            while (!q.isEmpty()) {
                int p = q.poll();
                for (int j = 0; j < n; j++) {
                    if (label[j] < 0 && within(x, y, p, j, eps)) {
                        label[j] = next;
                        q.add(j);
                    }
                }
            }
            next++;
        }
        return label;
    }

    private static boolean samePartition(int[] a, int[] b) {
        for (int i = 0; i < a.length; i++) {
            for (int j = 0; j < a.length; j++) {
                if ((a[i] == a[j]) != (b[i] == b[j])) {
                    return false;
                }
            }
        }
        return true;
    }
}
