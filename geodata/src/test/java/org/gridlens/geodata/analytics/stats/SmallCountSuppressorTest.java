package org.gridlens.geodata.analytics.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.BitSet;
import java.util.List;
import org.junit.jupiter.api.Test;

class SmallCountSuppressorTest {

    @Test
    void theGeographicDifferencingExampleIsClosed() {
        // grids 5, 4, 4, 4 and a community of 17 (k = 5): the three 4s are primary; publishing 17 and 5 would
        // leave 12 for three withheld cells — not a single small count, so nothing more is needed.
        AdditiveTable t = new AdditiveTable(new long[] {17, 5, 4, 4, 4}, new int[] {5, 5, 5, 5, 5},
                List.<int[]>of(new int[] {0, 1, 2, 3, 4}));
        BitSet h = SmallCountSuppressor.suppress(t);
        assertThat(h.stream().toArray()).containsExactly(2, 3, 4);
    }

    @Test
    void aLoneWithheldChildGetsAComplementarySibling() {
        // community 16 = grids 5, 5, 5, 1 → the 1 is withheld; 16 − 15 would reveal it, so the smallest
        // sibling is withheld too; then 6 remains for two cells ≥ k, fine.
        AdditiveTable t = new AdditiveTable(new long[] {16, 5, 5, 5, 1}, new int[] {5, 5, 5, 5, 5},
                List.<int[]>of(new int[] {0, 1, 2, 3, 4}));
        BitSet h = SmallCountSuppressor.suppress(t);
        assertThat(h.stream().toArray()).containsExactly(1, 4);
    }

    @Test
    void zeroIsPublishedAndAnOnlyChildHidesItsParent() {
        AdditiveTable t = new AdditiveTable(new long[] {3, 3, 0, 0}, new int[] {5, 5, 5, 5},
                List.of(new int[] {0, 1}, new int[] {2, 3}));
        assertThat(SmallCountSuppressor.suppress(t).stream().toArray()).containsExactly(0, 1);
    }

    @Test
    void inconsistentTablesAreRefused() {
        assertThatThrownBy(() -> new AdditiveTable(new long[] {5, 1}, new int[] {5, 5}, List.<int[]>of(new int[] {0, 1})))
                .hasMessageContaining("do not add up");
        assertThatThrownBy(() -> new AdditiveTable(new long[] {-1}, new int[] {5}, List.of())).isInstanceOf(IllegalArgumentException.class);
    }
}
