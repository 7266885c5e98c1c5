package org.gridlens.geodata.analytics.trend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class MannKendallTest {

    @Test
    void aStrictlyIncreasingSeriesMatchesTheTextbookValues() {
        MannKendall mk = MannKendall.test(new double[] {1, 2, 3, 4, 5});
        assertThat(mk.s()).isEqualTo(10);
        assertThat(mk.variance()).isCloseTo(300.0 / 18, within(1e-12));
        assertThat(mk.z()).isCloseTo(9 / Math.sqrt(300.0 / 18), within(1e-12));
        assertThat(mk.trend(0.05)).isEqualTo(1);
    }

    @Test
    void tiesReduceTheVariance() {
        MannKendall mk = MannKendall.test(new double[] {1, 1, 2});
        assertThat(mk.s()).isEqualTo(2);
        assertThat(mk.variance()).isCloseTo((66.0 - 18.0) / 18, within(1e-12));
        assertThat(mk.z()).isCloseTo(1 / Math.sqrt(48.0 / 18), within(1e-12));
    }

    @Test
    void aConstantSeriesHasNoTrendAndNoNaN() {
        MannKendall mk = MannKendall.test(new double[] {3, 3, 3, 3});
        assertThat(mk.variance()).isZero();
        assertThat(mk.z()).isZero();
        assertThat(mk.p()).isEqualTo(1.0);
        assertThat(mk.trend(0.05)).isZero();
    }

    @Test
    void aDecliningNoisySeriesIsSignificantlyDecreasing() {
        double[] x = new double[52];
        for (int i = 0; i < x.length; i++) {
            x[i] = 40 - 0.5 * i + (i % 3) * 2;
        }
        assertThat(MannKendall.test(x).trend(0.05)).isEqualTo(-1);
    }

    @Test
    void shortOrBrokenSeriesAreRefused() {
        assertThatThrownBy(() -> MannKendall.test(new double[] {1, 2})).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> MannKendall.test(new double[] {1, Double.NaN, 2})).isInstanceOf(IllegalArgumentException.class);
    }
}
