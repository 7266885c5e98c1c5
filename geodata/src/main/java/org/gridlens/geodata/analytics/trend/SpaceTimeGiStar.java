package org.gridlens.geodata.analytics.trend;

import org.gridlens.geodata.analytics.hotspot.SpatialWeights;

/**
 * Gi* on a space-time cube, as Esri's Emerging Hot Spot Analysis computes it: the neighbours of bin
 * (location i, step t) are the bins of i's spatial neighbours (i included) at steps t − lag … t (fewer
 * at the start of the series), binary weights, with the mean and the population standard deviation
 * taken over the whole cube (n = locations × steps). Same formula as
 * {@link org.gridlens.geodata.analytics.hotspot.GiStarCalculator}, so it is spdep-exact on a cube
 * flattened into one weights matrix.
 */
public final class SpaceTimeGiStar {

    private SpaceTimeGiStar() {
    }

    /** z[t][i]; NaN where undefined (a neighbourhood that is the whole cube). */
    public static double[][] zScores(double[][] cube, SpatialWeights w, int lag) {
        int steps = cube.length;
        if (steps == 0 || lag < 0) {
            throw new IllegalArgumentException("need at least one step and a lag ≥ 0");
        }
        int locs = w.size();
        double n = (double) steps * locs;
        double sum = 0;
        for (double[] row : cube) {
            if (row.length != locs) {
                throw new IllegalArgumentException("every step needs one value per location");
            }
            for (double v : row) {
                sum += v;
            }
        }
        double mean = sum / n;
        double ss = 0;
        for (double[] row : cube) {
            for (double v : row) {
                ss += (v - mean) * (v - mean);
            }
        }
        double s = Math.sqrt(ss / n);
        if (!(s > 0)) {
            throw new IllegalArgumentException("all bins have the same count (zero variance): no hot or cold spots");
        }
        // spatial lag per step first, then a running sum over the time window
        double[][] spatial = new double[steps][locs];
        for (int t = 0; t < steps; t++) {
            for (int i = 0; i < locs; i++) {
                double a = 0;
                for (int j : w.neighbours()[i]) {
                    a += cube[t][j];
                }
                spatial[t][i] = a;
            }
        }
        double[][] z = new double[steps][locs];
        for (int t = 0; t < steps; t++) {
            int from = Math.max(0, t - lag);
            for (int i = 0; i < locs; i++) {
                double lagSum = 0;
                for (int u = from; u <= t; u++) {
                    lagSum += spatial[u][i];
                }
                double wi = (double) w.count(i) * (t - from + 1);
                double var = (n * wi - wi * wi) / (n - 1);
                z[t][i] = var > 0 ? (lagSum - mean * wi) / (s * Math.sqrt(var)) : Double.NaN;
            }
        }
        return z;
    }
}
