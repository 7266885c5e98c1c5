package org.gridlens.geodata.analytics.trend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** One synthetic series per Esri class (20 steps: 90 % = 18 steps). */
class EmergingClassifierTest {

    private static int[] series(String s) {
        // '+' hot (bin 2), '-' cold (bin -2), '.' not significant
        return s.chars().map(c -> c == '+' ? 2 : c == '-' ? -2 : 0).toArray();
    }

    @Test
    void newIsHotOnlyInTheFinalStep() {
        assertThat(EmergingClassifier.classify(series("...................+"), 0)).isEqualTo(EmergingClass.NEW_HOT);
    }

    @Test
    void consecutiveIsOneUnbrokenRunEndingNow() {
        assertThat(EmergingClassifier.classify(series("..............++++++"), 1)).isEqualTo(EmergingClass.CONSECUTIVE_HOT);
    }

    @Test
    void mostlyHotSplitsByTrend() {
        String mostly = "..++++++++++++++++++";
        assertThat(EmergingClassifier.classify(series(mostly), 1)).isEqualTo(EmergingClass.INTENSIFYING_HOT);
        assertThat(EmergingClassifier.classify(series(mostly), 0)).isEqualTo(EmergingClass.PERSISTENT_HOT);
        assertThat(EmergingClassifier.classify(series(mostly), -1)).isEqualTo(EmergingClass.DIMINISHING_HOT);
    }

    @Test
    void consecutiveNeedsLessThanNinetyPercent() {
        // an unbroken run covering ≥ 90 % is persistent (or a trend class), not consecutive
        assertThat(EmergingClassifier.classify(series("..++++++++++++++++++"), 0)).isEqualTo(EmergingClass.PERSISTENT_HOT);
    }

    @Test
    void historicalWasMostlyHotButIsNotNow() {
        assertThat(EmergingClassifier.classify(series("+++++++++++++++++++."), -1)).isEqualTo(EmergingClass.HISTORICAL_HOT);
    }

    @Test
    void sporadicIsOnAndOffWithoutColdAndOscillatingHadCold() {
        assertThat(EmergingClassifier.classify(series("+..+..+...++..+...++"), 0)).isEqualTo(EmergingClass.SPORADIC_HOT);
        assertThat(EmergingClassifier.classify(series("+..-..+...++..+...++"), 0)).isEqualTo(EmergingClass.OSCILLATING_HOT);
    }

    @Test
    void sporadicRequiresTheFinalStepToBeHotUnlikeSfdep() {
        assertThat(EmergingClassifier.classify(series("+..+..+...++..+...+."), 0)).isEqualTo(EmergingClass.NO_PATTERN);
    }

    @Test
    void coldClassesMirrorTheHotOnes() {
        assertThat(EmergingClassifier.classify(series("...................-"), 0)).isEqualTo(EmergingClass.NEW_COLD);
        assertThat(EmergingClassifier.classify(series("..............------"), 0)).isEqualTo(EmergingClass.CONSECUTIVE_COLD);
        // intensifying cold = ever colder = a significantly decreasing z-series
        assertThat(EmergingClassifier.classify(series("..------------------"), -1)).isEqualTo(EmergingClass.INTENSIFYING_COLD);
        assertThat(EmergingClassifier.classify(series("..------------------"), 1)).isEqualTo(EmergingClass.DIMINISHING_COLD);
        assertThat(EmergingClassifier.classify(series("..------------------"), 0)).isEqualTo(EmergingClass.PERSISTENT_COLD);
        assertThat(EmergingClassifier.classify(series("-------------------."), 0)).isEqualTo(EmergingClass.HISTORICAL_COLD);
        assertThat(EmergingClassifier.classify(series("-..-..-...--..-...--"), 0)).isEqualTo(EmergingClass.SPORADIC_COLD);
        assertThat(EmergingClassifier.classify(series("-..+..-...--..-...--"), 0)).isEqualTo(EmergingClass.OSCILLATING_COLD);
    }

    @Test
    void quietSeriesHaveNoPattern() {
        assertThat(EmergingClassifier.classify(series("...................."), 0)).isEqualTo(EmergingClass.NO_PATTERN);
        assertThatThrownBy(() -> EmergingClassifier.classify(new int[] {1}, 0)).isInstanceOf(IllegalArgumentException.class);
    }
}
