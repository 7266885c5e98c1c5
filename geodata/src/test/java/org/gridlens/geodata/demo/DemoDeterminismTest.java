package org.gridlens.geodata.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class DemoDeterminismTest {

    @Test
    void sameSeedSameChecksumOtherSeedOtherChecksum() {
        String a = new DemoDistrictGenerator(DemoProfile.SMALL, DemoLoader.DEFAULT_SEED).checksum();
        String b = new DemoDistrictGenerator(DemoProfile.SMALL, DemoLoader.DEFAULT_SEED).checksum();
        String c = new DemoDistrictGenerator(DemoProfile.SMALL, DemoLoader.DEFAULT_SEED + 1).checksum();
        System.out.println("small checksum (default seed): " + a);
        assertThat(a).hasSize(64).isEqualTo(b).isNotEqualTo(c);
    }

    @Test
    void profileParsing() {
        assertThat(DemoProfile.parse("Small")).isEqualTo(DemoProfile.SMALL);
        assertThat(DemoProfile.parse("district")).isEqualTo(DemoProfile.DISTRICT);
        assertThatThrownBy(() -> DemoProfile.parse("huge")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'small' or 'district'");
    }
}
