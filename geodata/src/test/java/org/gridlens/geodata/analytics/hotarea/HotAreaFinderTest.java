package org.gridlens.geodata.analytics.hotarea;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import javax.sql.DataSource;
import org.gridlens.geodata.analytics.IncidentFilter;
import org.gridlens.geodata.analytics.SmallDemo;
import org.gridlens.geodata.analytics.TimeWindow;
import org.gridlens.geodata.crs.GaussKruger;
import org.gridlens.geodata.demo.DemoTruth;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Finds the hot areas the demo generator planted in the `small` district (truth from demo_truth). */
class HotAreaFinderTest {

    /**
     * `small` has 1/50 of the district's incidents (a planted persistent area gets ~10 per quarter over a
     * 250 m disc instead of ~500), so the test scales the defaults: wider radius, fewer incidents, longer span.
     */
    static final double SMALL_RADIUS_M = 250;
    static final int SMALL_MIN_COUNT = 6;
    static final int SMALL_DAYS = 180;
    static final TimeWindow DEMO_YEARS = new TimeWindow(LocalDate.of(2023, 11, 1), LocalDate.of(2026, 11, 1));
    private static DataSource ds;
    private static HotAreaReport report;
    private static List<DemoTruth> truth;

    @BeforeAll
    static void load() {
        ds = SmallDemo.database().dataSource();
        truth = DemoTruth.read(ds);
        long t0 = System.nanoTime();
        report = new HotAreaFinder(ds).find(new HotAreaRequest(DEMO_YEARS, IncidentFilter.ALL, SMALL_RADIUS_M, SMALL_MIN_COUNT,
                SMALL_DAYS));
        System.out.printf("small demo hot areas over 3 years: %d areas in %d ms%n", report.areas().size(),
                (System.nanoTime() - t0) / 1_000_000);
    }

    static double distance(double lon1, double lat1, double lon2, double lat2) {
        double[] a = GaussKruger.forward(lon1, lat1);
        double[] b = GaussKruger.forward(lon2, lat2);
        return Math.hypot(a[0] - b[0], a[1] - b[1]);
    }

    static boolean matches(HotArea a, DemoTruth t) {
        return a.category().equals(t.categoryCode())
                && distance(a.centreLon(), a.centreLat(), t.lon(), t.lat()) <= t.radiusM() + SMALL_RADIUS_M;
    }

    @Test
    void plantedHotAreasAreFoundWithFewFalseDiscoveries() {
        List<DemoTruth> planted = truth.stream().filter(t -> Set.of("persistent", "emerging", "fading").contains(t.kind())).toList();
        assertThat(planted).isNotEmpty();
        long found = planted.stream().filter(t -> report.areas().stream().anyMatch(a -> matches(a, t))).count();
        List<DemoTruth> known = truth.stream().filter(t -> t.categoryCode() != null).toList();
        long falseDiscoveries = report.areas().stream().filter(a -> known.stream().noneMatch(t -> matches(a, t))).count();
        double recall = (double) found / planted.size();
        System.out.printf(Locale.ROOT, "hot areas on `small`: recall %d/%d = %.2f; false discoveries %d of %d areas%n", found,
                planted.size(), recall, falseDiscoveries, report.areas().size());
        for (DemoTruth t : planted) {
            boolean hit = report.areas().stream().anyMatch(a -> matches(a, t));
            System.out.printf(Locale.ROOT, "  %-10s %s r=%.0f %s..%s planted=%d %s%n", t.kind(), t.categoryCode(), t.radiusM(),
                    t.startDay(), t.endDay(), t.expectedCount(), hit ? "FOUND" : "missed");
        }
        for (HotArea a : report.areas()) {
            System.out.printf(Locale.ROOT, "  area %d %s n=%d %s..%s trend %s z=%.2f%n", a.rank(), a.category(), a.incidents(),
                    a.first(), a.last(), a.trend(), a.trendZ());
        }
        assertThat(recall).isGreaterThanOrEqualTo(0.8);
        // seasonal clusters the generator also makes (dust, ice, floods) are real repeats but not planted truth
        assertThat(falseDiscoveries).isLessThanOrEqualTo(report.areas().size() / 2);
    }

    @Test
    void areasAreRankedAndCarryTheirSummary() {
        List<HotArea> areas = report.areas();
        assertThat(areas).isNotEmpty();
        for (int i = 0; i < areas.size(); i++) {
            HotArea a = areas.get(i);
            assertThat(a.rank()).isEqualTo(i + 1);
            assertThat(a.incidents()).isGreaterThanOrEqualTo(SMALL_MIN_COUNT);
            assertThat(a.first()).isBeforeOrEqualTo(a.last());
            assertThat(a.openShare()).isBetween(0.0, 1.0);
            assertThat(a.outline()).startsWith("{\"type\":\"Polygon\"");
            assertThat(java.util.Arrays.stream(a.weeklyCounts()).sum()).isEqualTo((int) a.incidents());
            assertThat(report.incidentIds(a.id())).hasSize((int) a.incidents());
            if (i > 0) {
                assertThat(a.incidents()).isLessThanOrEqualTo(areas.get(i - 1).incidents());
            }
        }
        assertThat(report.incidentIds(99_999)).isEmpty();
    }

    @Test
    void emergingAreasTrendUpAndFadingOnesDown() {
        for (DemoTruth t : truth) {
            String expected = switch (t.kind()) {
                case "emerging" -> "increasing";
                case "fading" -> "decreasing";
                default -> null;
            };
            if (expected == null) {
                continue;
            }
            report.areas().stream().filter(a -> matches(a, t)).max((x, y) -> Long.compare(x.incidents(), y.incidents()))
                    .ifPresent(a -> assertThat(a.trend()).as(t.kind() + " " + t.note()).isEqualTo(expected));
        }
    }

    @Test
    void badParametersAreRefused() {
        assertThatThrownBy(() -> new HotAreaRequest(DEMO_YEARS, IncidentFilter.ALL, 0, 10, 90)).hasMessageContaining("radius");
        assertThatThrownBy(() -> new HotAreaRequest(DEMO_YEARS, IncidentFilter.ALL, 150, 1, 90)).hasMessageContaining("minimum");
        assertThatThrownBy(() -> new HotAreaRequest(new TimeWindow(LocalDate.of(2026, 1, 1), LocalDate.of(2026, 1, 8)),
                IncidentFilter.ALL, 150, 10, 90)).hasMessageContaining("must not exceed");
    }
}
