package org.gridlens.geodata.analytics.hotspot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.Set;
import java.util.SplittableRandom;
import javax.sql.DataSource;
import org.gridlens.geodata.analytics.AnalyticsFixture;
import org.gridlens.geodata.analytics.IncidentFilter;
import org.gridlens.geodata.analytics.TimeWindow;
import org.gridlens.geodata.testing.FreshDatabase;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class HotSpotAnalyzerTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-06-01T00:00:00Z"), ZoneOffset.UTC);
    private static final TimeWindow MAY = new TimeWindow(LocalDate.of(2026, 5, 1), LocalDate.of(2026, 6, 1));
    @RegisterExtension
    static final FreshDatabase db = FreshDatabase.named("hotspot");
    private static DataSource ds;
    private static int cells;

    @BeforeAll
    static void setUp() throws Exception {
        ds = db.dataSource();
        cells = AnalyticsFixture.insert(ds);
        SplittableRandom r = new SplittableRandom(7);
        // a dense cluster of 0501 around (600, 800), background noise everywhere, and hostile edges of the window
        for (int i = 0; i < 120; i++) {
            AnalyticsFixture.incident(ds, 600 + r.nextGaussian() * 60, 800 + r.nextGaussian() * 60, "0501", "hotline",
                    LocalDateTime.of(2026, 5, 1 + r.nextInt(31), r.nextInt(24), 0), "reported");
        }
        for (int i = 0; i < 150; i++) {
            AnalyticsFixture.incident(ds, r.nextDouble() * 1500, r.nextDouble() * 1900, i % 2 == 0 ? "0102" : "0501",
                    i % 3 == 0 ? "camera" : "grid_worker", LocalDateTime.of(2026, 5, 1 + r.nextInt(31), 12, 0), "reported");
        }
        AnalyticsFixture.incident(ds, 100, 100, "0501", "hotline", LocalDateTime.of(2026, 4, 30, 23, 59, 59), "reported");
        AnalyticsFixture.incident(ds, 100, 100, "0501", "hotline", LocalDateTime.of(2026, 6, 1, 0, 0), "reported");
    }

    private static HotSpotRequest request(AggregationLevel level, IncidentFilter f, OptionalDouble band, OptionalInt k) {
        return new HotSpotRequest(level, 200, MAY, f, band, k, true);
    }

    @Test
    void cellCountsIncludeZerosAndRespectTheHalfOpenLocalWindow() {
        List<AggregatedFeature> all = new IncidentAggregator(ds).aggregate(AggregationLevel.CELL, 0, MAY, IncidentFilter.ALL);
        assertThat(all).hasSize(cells);
        assertThat(all.stream().mapToLong(AggregatedFeature::count).sum()).isEqualTo(270);
        assertThat(all.stream().filter(f -> f.count() == 0).count()).isGreaterThan(100);
    }

    @Test
    void theDailyPreAggregationAndTheIncidentTableAgree() {
        IncidentAggregator a = new IncidentAggregator(ds);
        IncidentFilter cat = new IncidentFilter(Set.of("05"), Set.of());
        IncidentFilter catAllSources = new IncidentFilter(Set.of("05"), IncidentFilter.SOURCES);
        assertThat(a.aggregate(AggregationLevel.CELL, 0, MAY, cat))
                .isEqualTo(a.aggregate(AggregationLevel.CELL, 0, MAY, catAllSources));
        assertThat(a.aggregate(AggregationLevel.CELL, 0, MAY, cat).stream().mapToLong(AggregatedFeature::count).sum())
                .isEqualTo(195);
        assertThat(a.aggregate(AggregationLevel.GRID, 0, MAY, new IncidentFilter(Set.of(), Set.of("camera"))).stream()
                .mapToLong(AggregatedFeature::count).sum()).isEqualTo(50);
        List<AggregatedFeature> hex = a.aggregate(AggregationLevel.HEXAGON, 200, MAY, IncidentFilter.ALL);
        assertThat(hex.size()).isGreaterThan(30);
        assertThat(hex.stream().mapToLong(AggregatedFeature::count).sum()).isBetween(270L, 275L);
    }

    @Test
    void theYearMonthAndDayRollUpsAndTheIncidentTableAgreeForWholeAndPartialPeriods() throws Exception {
        IncidentAggregator a = new IncidentAggregator(ds);
        // a few in 2025, outside every other test's window, so that a whole year is read from its roll-up
        for (int m = 1; m <= 12; m += 5) {
            AnalyticsFixture.incident(ds, 300 + m * 50, 400, m % 2 == 0 ? "0102" : "0501", "hotline",
                    LocalDateTime.of(2025, m, 28, 23, 30), "reported");
        }
        List<TimeWindow> windows = List.of(new TimeWindow(LocalDate.of(2024, 12, 15), LocalDate.of(2026, 6, 2)),
                new TimeWindow(LocalDate.of(2025, 1, 1), LocalDate.of(2026, 1, 1)),
                new TimeWindow(LocalDate.of(2026, 4, 30), LocalDate.of(2026, 6, 2)),
                new TimeWindow(LocalDate.of(2025, 12, 15), LocalDate.of(2026, 5, 31)),
                new TimeWindow(LocalDate.of(2026, 5, 3), LocalDate.of(2026, 5, 20)));
        for (TimeWindow w : windows) {
            for (Set<String> cats : List.of(Set.<String>of(), Set.of("05"), Set.of("01", "05"))) {
                List<AggregatedFeature> rolled = a.aggregate(AggregationLevel.CELL, 0, w, new IncidentFilter(cats, Set.of()));
                assertThat(rolled).as("%s %s", w, cats)
                        .isEqualTo(a.aggregate(AggregationLevel.CELL, 0, w, new IncidentFilter(cats, IncidentFilter.SOURCES)));
                assertThat(rolled.stream().mapToLong(AggregatedFeature::count).sum()).as("%s %s", w, cats).isPositive();
            }
        }
    }

    @Test
    void thePlantedClusterIsAHotSpotAt99PercentAfterFdr() {
        HotSpotResult r = new HotSpotAnalyzer(new IncidentAggregator(ds), CLOCK)
                .analyze(request(AggregationLevel.CELL, IncidentFilter.ALL, OptionalDouble.of(250), OptionalInt.empty()));
        assertThat(r.refusal()).isNull();
        assertThat(r.features()).hasSize(cells);
        HotSpotFeature top = r.features().stream().max((p, q) -> Long.compare(p.count(), q.count())).orElseThrow();
        assertThat(top.bin()).isEqualTo(3);
        assertThat(r.binCounts()[6]).isBetween(3, 60);
        assertThat(r.weights()).contains("250");
    }

    @Test
    void defaultBandAndNearestNeighboursBothRun() {
        HotSpotAnalyzer a = new HotSpotAnalyzer(new IncidentAggregator(ds), CLOCK);
        HotSpotResult band = a.analyze(request(AggregationLevel.HEXAGON, IncidentFilter.ALL, OptionalDouble.empty(), OptionalInt.empty()));
        assertThat(band.bandM()).isPositive();
        assertThat(band.features()).allMatch(f -> f.neighbours() >= 2);
        HotSpotResult knn = a.analyze(request(AggregationLevel.CELL, IncidentFilter.ALL, OptionalDouble.empty(), OptionalInt.of(8)));
        assertThat(knn.features()).allMatch(f -> f.neighbours() == 9);
    }

    @Test
    void tooFewFeaturesZeroVarianceAndHugeKAreRefusedWithAReason() {
        HotSpotAnalyzer a = new HotSpotAnalyzer(new IncidentAggregator(ds), CLOCK);
        HotSpotResult grids = a.analyze(request(AggregationLevel.GRID, IncidentFilter.ALL, OptionalDouble.empty(), OptionalInt.empty()));
        assertThat(grids.refusal()).contains("only 4 features");
        assertThat(grids.features()).isEmpty();
        HotSpotResult none = a.analyze(request(AggregationLevel.CELL, new IncidentFilter(Set.of("09"), Set.of()),
                OptionalDouble.empty(), OptionalInt.empty()));
        assertThat(none.refusal()).contains("zero variance");
        HotSpotResult k = a.analyze(request(AggregationLevel.CELL, IncidentFilter.ALL, OptionalDouble.empty(), OptionalInt.of(cells)));
        assertThat(k.refusal()).contains("not below the feature count");
    }

    @Test
    void badWindowsAndParametersAreCallerErrors() {
        HotSpotAnalyzer a = new HotSpotAnalyzer(new IncidentAggregator(ds), CLOCK);
        TimeWindow future = new TimeWindow(LocalDate.of(2026, 6, 2), LocalDate.of(2026, 7, 1));
        assertThatThrownBy(() -> a.analyze(new HotSpotRequest(AggregationLevel.CELL, 0, future, IncidentFilter.ALL,
                OptionalDouble.empty(), OptionalInt.empty(), true))).hasMessageContaining("future");
        assertThatThrownBy(() -> new TimeWindow(LocalDate.of(2026, 5, 1), LocalDate.of(2026, 5, 1))).hasMessageContaining("empty");
        assertThatThrownBy(() -> new TimeWindow(LocalDate.of(2026, 5, 2), LocalDate.of(2026, 5, 1))).hasMessageContaining("reversed");
        assertThatThrownBy(() -> new TimeWindow(LocalDate.of(2020, 1, 1), LocalDate.of(2025, 1, 2))).hasMessageContaining("5 years");
        assertThatThrownBy(() -> new IncidentFilter(Set.of("05%"), Set.of())).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new IncidentFilter(Set.of(), Set.of("x'; DROP"))).hasMessageContaining("unknown source");
        assertThatThrownBy(() -> new HotSpotRequest(AggregationLevel.HEXAGON, 10, MAY, IncidentFilter.ALL,
                OptionalDouble.empty(), OptionalInt.empty(), true)).hasMessageContaining("hexagon size");
        assertThatThrownBy(() -> new HotSpotRequest(AggregationLevel.CELL, 0, MAY, IncidentFilter.ALL,
                OptionalDouble.of(100), OptionalInt.of(3), true)).hasMessageContaining("not both");
        assertThatThrownBy(() -> new HotSpotRequest(AggregationLevel.CELL, 0, MAY, IncidentFilter.ALL,
                OptionalDouble.of(Double.NaN), OptionalInt.empty(), true)).hasMessageContaining("band");
    }
}
