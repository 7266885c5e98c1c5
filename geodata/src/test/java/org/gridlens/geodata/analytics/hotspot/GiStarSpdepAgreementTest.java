package org.gridlens.geodata.analytics.hotspot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Checks the Java Gi* against R's spdep::localG on the same weights (a tool nobody here wrote):
 * 200 seeded random points in a 5 km square with spatially clustered counts, distance band and KNN.
 * A missing Rscript or spdep fails the test naming the Debian packages.
 */
class GiStarSpdepAgreementTest {

    private static final int N = 200;
    private static final double BAND = 700;
    private static final int K = 8;

    @TempDir
    Path dir;

    @Test
    void zScoresMatchSpdepLocalGForDistanceBandAndNearestNeighbours() throws Exception {
        SplittableRandom r = new SplittableRandom(20261126L);
        double[] x = new double[N];
        double[] y = new double[N];
        double[] v = new double[N];
        StringBuilder csv = new StringBuilder("x,y,v\n");
        for (int i = 0; i < N; i++) {
            x[i] = 500_000 + r.nextDouble() * 5000;
            y[i] = 4_050_000 + r.nextDouble() * 5000;
            double hot = Math.exp(-(Math.pow(x[i] - 501_500, 2) + Math.pow(y[i] - 4_052_000, 2)) / (2 * 800 * 800));
            v[i] = Math.floor(r.nextDouble() * 6 + 25 * hot);
            csv.append(String.format(Locale.ROOT, "%.6f,%.6f,%.1f%n", x[i], y[i], v[i]));
        }
        Path in = dir.resolve("points.csv");
        Files.writeString(in, csv, StandardCharsets.UTF_8);
        Path out = dir.resolve("z.csv");
        Path script = dir.resolve("localg.R");
        Files.writeString(script, String.format(Locale.ROOT, """
                suppressPackageStartupMessages(library(spdep))
                d <- read.csv("%s")
                xy <- cbind(d$x, d$y)
                nb1 <- include.self(dnearneigh(xy, 0, %s))
                z1 <- as.numeric(localG(d$v, nb2listw(nb1, style = "B")))
                nb2 <- include.self(knn2nb(knearneigh(xy, k = %d)))
                z2 <- as.numeric(localG(d$v, nb2listw(nb2, style = "B")))
                write.csv(data.frame(band = z1, knn = z2), "%s", row.names = FALSE)
                """, in, BAND, K, out));
        run(script);

        SpatialWeightsBuilder b = new SpatialWeightsBuilder(x, y);
        double[] zBand = GiStarCalculator.zScores(v, b.distanceBand(BAND));
        double[] zKnn = GiStarCalculator.zScores(v, b.nearest(K));
        List<String> lines = Files.readAllLines(out);
        assertThat(lines).hasSize(N + 1);
        double maxDiff = 0;
        int strong = 0;
        for (int i = 0; i < N; i++) {
            String[] f = lines.get(i + 1).split(",");
            double rBand = Double.parseDouble(f[0]);
            double rKnn = Double.parseDouble(f[1]);
            maxDiff = Math.max(maxDiff, Math.max(Math.abs(rBand - zBand[i]), Math.abs(rKnn - zKnn[i])));
            if (Math.abs(zBand[i]) > 2.58) {
                strong++;
            }
        }
        System.out.printf(Locale.ROOT, "Gi* vs spdep::localG over %d points: max |Δz| = %.3e%n", N, maxDiff);
        assertThat(maxDiff).isLessThan(1e-6);
        assertThat(strong).as("the planted cluster must give significant z, or the comparison is vacuous").isGreaterThan(5);
    }

    private static void run(Path script) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("Rscript", "--vanilla", script.toString()));
        Process p;
        try {
            p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        } catch (IOException e) {
            fail("Rscript not found: install the Debian packages r-base-core r-cran-spdep (" + e.getMessage() + ")");
            return;
        }
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
            fail("Rscript with spdep failed (install r-base-core r-cran-spdep): " + output);
        }
    }
}
