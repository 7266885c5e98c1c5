package org.gridlens.geodata.analytics.trend;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.gridlens.geodata.analytics.IncidentFilter;
import org.gridlens.geodata.analytics.SmallDemo;
import org.gridlens.geodata.analytics.TimeWindow;
import org.gridlens.geodata.analytics.hotspot.GiStarCalculator;
import org.gridlens.geodata.analytics.hotspot.SpatialWeights;
import org.gridlens.geodata.analytics.hotspot.SpatialWeightsBuilder;
import org.junit.jupiter.api.Test;

class EmergingHotSpotAnalyzerTest {

    @Test
    void spaceTimeGiStarWithoutLagIsGiStarOnTheFlattenedCube() {
        // two steps, 40 locations; with lag 0 a bin's neighbours are its spatial neighbours at the same step,
        // which is plain Gi* on 80 features whose neighbour lists never cross steps.
        SplittableRandom r = new SplittableRandom(3);
        int locs = 40;
        double[] x = new double[locs];
        double[] y = new double[locs];
        double[][] cube = new double[2][locs];
        for (int i = 0; i < locs; i++) {
            x[i] = r.nextDouble() * 1000;
            y[i] = r.nextDouble() * 1000;
            cube[0][i] = r.nextInt(10);
            cube[1][i] = r.nextInt(10);
        }
        SpatialWeights w = new SpatialWeightsBuilder(x, y).distanceBand(300);
        int[][] flat = new int[2 * locs][];
        double[] v = new double[2 * locs];
        for (int t = 0; t < 2; t++) {
            for (int i = 0; i < locs; i++) {
                int[] nb = w.neighbours()[i];
                int[] row = new int[nb.length];
                for (int k = 0; k < nb.length; k++) {
                    row[k] = nb[k] + t * locs;
                }
                flat[t * locs + i] = row;
                v[t * locs + i] = cube[t][i];
            }
        }
        double[] expected = GiStarCalculator.zScores(v, new SpatialWeights(flat, "flat"));
        double[][] z = SpaceTimeGiStar.zScores(cube, w, 0);
        for (int t = 0; t < 2; t++) {
            for (int i = 0; i < locs; i++) {
                assertThat(z[t][i]).isCloseTo(expected[t * locs + i], org.assertj.core.api.Assertions.within(1e-12));
            }
        }
    }

    @Test
    void aPlantedEmergingClusterIsClassifiedAsEmerging() {
        // 20 x 20 lattice of 100 m cells, 60 weeks of noise; a 3 x 3 block gets busy from week 50 on
        SplittableRandom r = new SplittableRandom(11);
        List<String> codes = new ArrayList<>();
        List<double[]> xy = new ArrayList<>();
        for (int i = 0; i < 400; i++) {
            codes.add("c" + i);
            xy.add(new double[] {(i % 20) * 100.0, (i / 20) * 100.0});
        }
        double[][] cube = new double[60][400];
        for (int t = 0; t < 60; t++) {
            for (int i = 0; i < 400; i++) {
                cube[t][i] = r.nextInt(3);
                int cx = i % 20;
                int cy = i / 20;
                if (t >= 50 && cx >= 8 && cx <= 10 && cy >= 8 && cy <= 10) {
                    cube[t][i] += 12;
                }
            }
        }
        EmergingResult res = EmergingHotSpotAnalyzer.analyze(codes, xy, cube, 150.0);
        assertThat(res.refusal()).isNull();
        EmergingLocation centre = res.locations().stream().filter(l -> l.id().equals("c189")).findFirst().orElseThrow();
        assertThat(centre.emergingClass()).isEqualTo("consecutive_hot");
        assertThat(res.classCounts().getOrDefault("consecutive_hot", 0)).isGreaterThanOrEqualTo(9);
    }

    @Test
    void theSmallDemoCubeIsClassifiedAndShortWindowsAreRefused() {
        EmergingHotSpotAnalyzer a = new EmergingHotSpotAnalyzer(SmallDemo.database().dataSource());
        long t0 = System.nanoTime();
        EmergingResult res = a.analyze(new TimeWindow(LocalDate.of(2023, 11, 1), LocalDate.of(2026, 11, 1)), IncidentFilter.ALL, null);
        System.out.printf("small demo emerging hot spots, 3 years weekly: %d cells x %d steps in %d ms, classes %s%n", res.cells(),
                res.steps(), (System.nanoTime() - t0) / 1_000_000, res.classCounts());
        assertThat(res.refusal()).isNull();
        assertThat(res.steps()).isEqualTo(156);
        assertThat(res.classCounts().values().stream().mapToInt(Integer::intValue).sum()).isEqualTo(res.cells());
        assertThat(res.classCounts().getOrDefault("persistent_hot", 0)).isPositive();
        EmergingResult shortOne = a.analyze(new TimeWindow(LocalDate.of(2026, 1, 1), LocalDate.of(2026, 2, 1)), IncidentFilter.ALL, null);
        assertThat(shortOne.refusal()).contains("at least 10");
    }
}
