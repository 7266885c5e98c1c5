package org.gridlens.geodata.analytics.hotarea;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Array;
import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.gridlens.geodata.analytics.IncidentFilter;
import org.gridlens.geodata.analytics.SmallDemo;
import org.gridlens.geodata.sql.SqlResource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The Java DBSCAN of {@link HotAreaFinder} finds exactly the areas that the earlier all-PostGIS query
 * (two {@code ST_ClusterDBSCAN} window passes, kept as a test resource) finds on the `small` demo: the
 * same incidents grouped the same way, for the test's scaled defaults and for a tight and a loose setting.
 */
class HotAreaClusteringAgreementTest {

    private static final String REFERENCE = SqlResource.load(HotAreaClusteringAgreementTest.class,
            "hot_areas_dbscan_reference.sql");
    private static DataSource ds;

    @BeforeAll
    static void load() {
        ds = SmallDemo.database().dataSource();
    }

    @Test
    void javaClustersEqualPostgisClustersForTheScaledDefaults() throws Exception {
        assertSameAreas(new HotAreaRequest(HotAreaFinderTest.DEMO_YEARS, IncidentFilter.ALL, HotAreaFinderTest.SMALL_RADIUS_M,
                HotAreaFinderTest.SMALL_MIN_COUNT, HotAreaFinderTest.SMALL_DAYS));
    }

    @Test
    void javaClustersEqualPostgisClustersForATightAndALooseSetting() throws Exception {
        assertSameAreas(new HotAreaRequest(HotAreaFinderTest.DEMO_YEARS, IncidentFilter.ALL, 80, 3, 30));
        assertSameAreas(new HotAreaRequest(HotAreaFinderTest.DEMO_YEARS, new IncidentFilter(Set.of(), Set.of("hotline")), 600, 4,
                365));
    }

    private static void assertSameAreas(HotAreaRequest req) throws Exception {
        HotAreaReport report = new HotAreaFinder(ds).find(req);
        Set<List<Long>> java = new HashSet<>();
        for (HotArea a : report.areas()) {
            java.add(Arrays.stream(report.incidentIds(a.id())).sorted().boxed().toList());
        }
        Set<List<Long>> postgis = referenceAreas(req);
        assertThat(postgis).as("the reference finds areas at all").isNotEmpty();
        assertThat(java).hasSameSizeAs(postgis).isEqualTo(postgis);
    }

    private static Set<List<Long>> referenceAreas(HotAreaRequest req) throws Exception {
        Set<List<Long>> out = new HashSet<>();
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(REFERENCE)) {
            int i = 1;
            ps.setDate(i++, Date.valueOf(req.window().from()));
            ps.setInt(i++, req.days());
            ps.setDate(i++, Date.valueOf(req.window().to()));
            Array cats = c.createArrayOf("text", req.filter().categoryPatterns());
            Array srcs = c.createArrayOf("text", req.filter().sourceArray());
            ps.setArray(i++, cats);
            ps.setArray(i++, cats);
            ps.setArray(i++, srcs);
            ps.setArray(i++, srcs);
            ps.setDouble(i++, req.radiusM());
            ps.setInt(i++, req.minCount());
            ps.setDouble(i, req.radiusM());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(Arrays.stream((Long[]) rs.getArray(3).getArray()).sorted().collect(Collectors.toList()));
                }
            }
        }
        return out;
    }
}
