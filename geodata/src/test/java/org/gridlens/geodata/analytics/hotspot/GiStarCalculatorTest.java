package org.gridlens.geodata.analytics.hotspot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class GiStarCalculatorTest {

    // The published fixture (esda docstring, recomputed independently): band 15, binary, self included.
    private static final double[] X = {10, 20, 40, 15, 30, 30};
    private static final double[] Y = {10, 10, 10, 20, 20, 30};
    private static final double[] V = {2, 3, 3.2, 5, 8, 7};
    private static final double[] EXPECTED = {-1.39727626, -0.28917762, 0.65064964, -0.28917762, 1.23452088, 2.02424331};

    @Test
    void theSixPointFixtureGivesThePublishedZScores() {
        SpatialWeights w = new SpatialWeightsBuilder(X, Y).distanceBand(15);
        double[] z = GiStarCalculator.zScores(V, w);
        for (int i = 0; i < z.length; i++) {
            assertThat(z[i]).as("z[%d]", i).isCloseTo(EXPECTED[i], within(1e-8));
        }
    }

    @Test
    void aDistanceBandIncludesTheFeatureItselfAndPointsExactlyOnTheBand() {
        SpatialWeights w = new SpatialWeightsBuilder(new double[] {0, 10, 25}, new double[] {0, 0, 0}).distanceBand(10);
        assertThat(w.neighbours()[0]).containsExactly(0, 1);
        assertThat(w.neighbours()[1]).containsExactly(0, 1);
        assertThat(w.neighbours()[2]).containsExactly(2);
    }

    @Test
    void nearestNeighboursBreakTiesByLowerIndexAndAreNotSymmetric() {
        SpatialWeights w = new SpatialWeightsBuilder(new double[] {0, 1, -1, 10}, new double[] {0, 0, 0, 0}).nearest(1);
        assertThat(w.neighbours()[0]).containsExactly(0, 1);
        assertThat(w.neighbours()[3]).containsExactly(1, 3);
        assertThat(w.neighbours()[1]).containsExactly(0, 1);
    }

    @Test
    void equalValuesAreRefusedBecauseTheVarianceIsZero() {
        SpatialWeights w = new SpatialWeightsBuilder(X, Y).distanceBand(15);
        assertThatThrownBy(() -> GiStarCalculator.zScores(new double[] {4, 4, 4, 4, 4, 4}, w))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("zero variance");
    }

    @Test
    void aFeatureWhoseNeighbourhoodIsEverythingHasNoZ() {
        SpatialWeights w = new SpatialWeightsBuilder(X, Y).distanceBand(1000);
        double[] z = GiStarCalculator.zScores(V, w);
        for (double zi : z) {
            assertThat(zi).isNaN();
        }
        assertThat(SignificanceBinner.bins(z, true)).containsOnly(0);
    }

    @Test
    void hostileInputsAreRefused() {
        assertThatThrownBy(() -> new SpatialWeightsBuilder(new double[] {0, Double.NaN}, new double[] {0, 0}))
                .isInstanceOf(IllegalArgumentException.class);
        SpatialWeightsBuilder b = new SpatialWeightsBuilder(X, Y);
        assertThatThrownBy(() -> b.distanceBand(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> b.distanceBand(Double.POSITIVE_INFINITY)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> b.nearest(6)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("k must be");
        assertThatThrownBy(() -> b.nearest(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> GiStarCalculator.zScores(new double[] {1, 2}, b.distanceBand(15)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theDefaultBandGivesEveryFeatureANeighbour() {
        SpatialWeightsBuilder b = new SpatialWeightsBuilder(X, Y);
        double band = b.defaultBand();
        assertThat(b.distanceBand(band).minCount()).isGreaterThanOrEqualTo(2);
    }

    @Test
    void pValuesAreTwoSidedNormalTails() {
        assertThat(SignificanceBinner.pValue(1.959963984540054)).isCloseTo(0.05, within(1e-12));
        assertThat(SignificanceBinner.pValue(-2.5758293035489)).isCloseTo(0.01, within(1e-12));
        assertThat(SignificanceBinner.pValue(0)).isEqualTo(1.0);
        assertThat(SignificanceBinner.pValue(8)).isCloseTo(1.2441921148543e-15, within(1e-26));
    }

    @Test
    void binsFollowArcGisThresholdsWithoutFdr() {
        int[] bins = SignificanceBinner.bins(new double[] {2.6, 2.0, 1.7, 1.6, -1.7, -2.0, -2.6, Double.NaN}, false);
        assertThat(bins).containsExactly(3, 2, 1, 0, -1, -2, -3, 0);
    }

    @Test
    void fdrKeepsOnlyWhatBenjaminiHochbergAllows() {
        // p-values 0.0005, 0.008, 0.039, 0.041, 0.042 and five at 0.6 (m = 10)
        double[] z = {3.4807564, 2.652069808, 2.063250071, 2.043549346, 2.033864388, 0.524400513, 0.524400513,
            0.524400513, 0.524400513, 0.524400513};
        int[] bins = SignificanceBinner.bins(z, true);
        // α = .01: k/m·α = .001 .002 ... → only rank 1 passes (0.0005 ≤ 0.001).
        // α = .05: thresholds .005 .010 .015 .020 .025 → ranks 1–2 pass. α = .10: .01 .02 .03 .04 .05 → ranks 1–2
        // (0.039 > 0.03, 0.041 > 0.04, 0.042 ≤ 0.05 → rank 5 passes, so ranks 1–5 are significant at 90 %).
        assertThat(bins).containsExactly(3, 2, 1, 1, 1, 0, 0, 0, 0, 0);
    }
}
