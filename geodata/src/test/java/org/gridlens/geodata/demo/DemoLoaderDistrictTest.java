package org.gridlens.geodata.demo;

import static org.assertj.core.api.Assertions.assertThat;

import org.gridlens.geodata.db.Database;
import org.gridlens.geodata.testing.TestDatabase;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("slow")
class DemoLoaderDistrictTest {

    @Test
    void loadsTheFullDistrictWithinBudget() {
        try (Database db = TestDatabase.freshDatabase("demo_district")) {
            DemoLoadReport r = new DemoLoader(db.dataSource()).load(DemoProfile.DISTRICT, DemoLoader.DEFAULT_SEED);
            System.out.println("district load: " + r.elapsed().toMillis() + " ms, checksum " + r.checksum() + ", " + r.rowCounts());
            var n = r.rowCounts();
            assertThat(n.get("region")).isBetween(660L, 680L);
            assertThat(n.get("parcel")).isBetween(16_000L, 24_000L);
            assertThat(n.get("building")).isBetween(12_000L, 18_000L);
            assertThat(n.get("housing_unit")).isBetween(130_000L, 170_000L);
            assertThat(n.get("resident")).isBetween(360_000L, 440_000L);
            assertThat(n.get("incident")).isBetween(900_000L, 1_100_000L);
            assertThat(n.get("camera")).isEqualTo(2_000L);
            assertThat(n.get("facility")).isBetween(320L, 480L);
            assertThat(n.get("component")).isEqualTo(20_000L);
            assertThat(r.elapsed().toSeconds()).isLessThan(180);
        }
    }
}
