package org.gridlens.geodata.analytics.nearrepeat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.gridlens.geodata.analytics.IncidentFilter;
import org.gridlens.geodata.analytics.TimeWindow;
import org.junit.jupiter.api.Test;

class KnoxCalculatorTest {

    private static final TimeWindow W = new TimeWindow(LocalDate.of(2026, 1, 1), LocalDate.of(2026, 7, 1));

    private static KnoxRequest req(int permutations, long seed) {
        return new KnoxRequest(W, IncidentFilter.ALL, 100, 3, 7, 3, permutations, seed);
    }

    @Test
    void bandsAreHalfOpenAndCountedByHand() {
        // three events: A–B 100 m apart (band [100,200)) and 7 days apart (band [7,14)); C far away.
        List<double[]> ev = List.of(new double[] {0, 0, 0}, new double[] {100, 0, 7}, new double[] {5000, 0, 1});
        KnoxResult r = KnoxCalculator.compute(ev, req(19, 1));
        assertThat(r.spatialLabels()).containsExactly("[0,100) m", "[100,200) m", "[200,300) m");
        assertThat(r.temporalLabels()).containsExactly("[0,7) days", "[7,14) days", "[14,21) days");
        assertThat(r.table().get(1).get(1).observed()).isEqualTo(1);
        assertThat(r.pairs()).isEqualTo(1);
    }

    @Test
    void plantedNearRepeatsExceedChanceAndRandomDataDoesNot() {
        SplittableRandom rnd = new SplittableRandom(5);
        List<double[]> ev = new ArrayList<>();
        for (int i = 0; i < 600; i++) {
            ev.add(new double[] {rnd.nextDouble() * 5000, rnd.nextDouble() * 5000, rnd.nextDouble() * 180});
        }
        KnoxResult random = KnoxCalculator.compute(ev, req(199, 42));
        assertThat(random.table().get(0).get(0).p()).isGreaterThan(0.01);
        for (int i = 0; i < 100; i++) {
            double[] src = ev.get(rnd.nextInt(600));
            ev.add(new double[] {src[0] + rnd.nextDouble() * 50, src[1] + rnd.nextDouble() * 50, src[2] + rnd.nextDouble() * 5});
        }
        KnoxResult planted = KnoxCalculator.compute(ev, req(199, 42));
        KnoxResult.Cell near = planted.table().get(0).get(0);
        assertThat(near.ratio()).isGreaterThan(3);
        assertThat(near.p()).isEqualTo(1.0 / 200);
        assertThat(KnoxCalculator.compute(ev, req(199, 42))).isEqualTo(planted);
    }

    @Test
    void degenerateInputsAreRefusedOrReported() {
        assertThat(KnoxCalculator.compute(List.of(), req(19, 1)).refusal()).contains("fewer than 2");
        assertThatThrownBy(() -> req(5, 1)).hasMessageContaining("permutations");
        assertThatThrownBy(() -> new KnoxRequest(W, IncidentFilter.ALL, 0, 3, 7, 3, 99, 1)).hasMessageContaining("spatial");
        assertThatThrownBy(() -> new KnoxRequest(W, IncidentFilter.ALL, 100, 3, Double.NaN, 3, 99, 1)).hasMessageContaining("temporal");
    }
}
