package org.gridlens.geodata.analytics.hotarea;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeMap;
import javax.sql.DataSource;
import org.gridlens.geodata.analytics.IncidentFilter;
import org.gridlens.geodata.analytics.SmallDemo;
import org.gridlens.geodata.analytics.TimeWindow;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@link HotAreaFinder} (stored EPSG:4543 coordinates read by binary COPY, parallel clustering and
 * summaries, cell-classified top categories) answers exactly as the implementation it replaced
 * ({@link LegacyHotAreaFinder}: points projected per request, one thread) on the seeded `small` demo:
 * every field of every area, in rank order, and the incident ids behind each, for the scaled defaults,
 * a tight and a loose setting, filters by source and by category, and a window that does not start with
 * the data.
 */
class HotAreaPathAgreementTest {

    private static DataSource ds;

    @BeforeAll
    static void load() {
        ds = SmallDemo.database().dataSource();
    }

    @Test
    void theNewPathAnswersExactlyAsTheOldOneForTheScaledDefaults() {
        assertSameReport(new HotAreaRequest(HotAreaFinderTest.DEMO_YEARS, IncidentFilter.ALL, HotAreaFinderTest.SMALL_RADIUS_M,
                HotAreaFinderTest.SMALL_MIN_COUNT, HotAreaFinderTest.SMALL_DAYS));
    }

    @Test
    void theNewPathAnswersExactlyAsTheOldOneForTightLooseAndFilteredRequests() {
        assertSameReport(new HotAreaRequest(HotAreaFinderTest.DEMO_YEARS, IncidentFilter.ALL, 80, 3, 30));
        assertSameReport(new HotAreaRequest(HotAreaFinderTest.DEMO_YEARS, new IncidentFilter(Set.of(), Set.of("hotline")), 600, 4,
                365));
        assertSameReport(new HotAreaRequest(HotAreaFinderTest.DEMO_YEARS, new IncidentFilter(Set.of("01", "0404"),
                Set.of("grid_worker", "resident_app")), 300, 3, 90));
    }

    @Test
    void theNewPathAnswersExactlyAsTheOldOneForAWindowInsideTheData() {
        assertSameReport(new HotAreaRequest(new TimeWindow(LocalDate.of(2024, 2, 17), LocalDate.of(2026, 5, 3)), IncidentFilter.ALL,
                200, 4, 45));
    }

    private static void assertSameReport(HotAreaRequest req) {
        HotAreaReport now = new HotAreaFinder(ds).find(req);
        HotAreaReport before = new LegacyHotAreaFinder(ds).find(req);
        assertThat(before.areas()).as("the reference finds areas at all").isNotEmpty();
        assertThat(render(now)).isEqualTo(render(before));
    }

    /** Every field of every area (doubles in full precision) and its incident ids, one line per area. */
    private static List<String> render(HotAreaReport r) {
        List<String> out = new ArrayList<>();
        for (HotArea a : r.areas()) {
            out.add(String.format(Locale.ROOT, "%d %d %s %s %s %s %s %d %s %s %s %s %s %s %s %s %s %s ids=%s", a.id(), a.rank(),
                    a.category(), a.outline(), Double.toString(a.centreLon()), Double.toString(a.centreLat()), a.gridCode(),
                    a.incidents(), a.first(), a.last(), Double.toString(a.medianRepeatDays()), new TreeMap<>(a.topSources()),
                    new TreeMap<>(a.topCategories()), Double.toString(a.openShare()), Arrays.toString(a.weeklyCounts()),
                    Double.toString(a.trendZ()), Double.toString(a.trendP()), a.trend(), Arrays.toString(r.incidentIds(a.id()))));
        }
        return out;
    }
}
