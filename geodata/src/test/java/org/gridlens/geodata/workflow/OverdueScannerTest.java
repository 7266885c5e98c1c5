package org.gridlens.geodata.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import org.gridlens.geodata.sql.SqlResource;
import org.gridlens.geodata.testing.FreshDatabase;
import org.gridlens.geodata.testing.RegionFixture;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The overdue scan marks each due case once and finds its candidates through the partial indexes of V46,
 * not by reading every open case (3.2 s per scan on the district demo before them).
 */
class OverdueScannerTest {

    @RegisterExtension
    static final FreshDatabase db = FreshDatabase.named("overdue_scanner").seededWith(RegionFixture::insert);

    @BeforeAll
    static void open() throws Exception {
        try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement()) {
            // 5,000 open cases with a deadline a week ahead, three overdue by an hour, one overdue by far more
            // than its category's time limit (escalation due once it has been announced), and closed ones.
            s.execute("""
                    INSERT INTO incident (district_code, source, source_id, kind, category_code, reported_at, accepted_at,
                                          status, geom, deadline, closed_at)
                    SELECT '630102', 'hotline', 'O-' || i, 'event', '0101', now() - interval '1 day', now() - interval '1 day',
                           CASE WHEN i % 10 = 0 THEN 'closed' ELSE 'registered' END,
                           ST_SetSRID(ST_MakePoint(101.805, 36.605), 4326),
                           CASE WHEN i <= 3 THEN now() - interval '1 hour'
                                WHEN i = 4 THEN now() - interval '30 days'
                                ELSE now() + interval '7 days' END,
                           CASE WHEN i % 10 = 0 THEN now() END
                    FROM generate_series(1, 5000) i""");
            s.execute("ANALYZE incident");
        }
    }

    private static String plan(Statement s, String resource) throws Exception {
        String sql = SqlResource.load(OverdueScanner.class, resource).replace("?", "500");
        StringBuilder out = new StringBuilder();
        try (ResultSet rs = s.executeQuery("EXPLAIN " + sql)) {
            while (rs.next()) {
                out.append(rs.getString(1)).append('\n');
            }
        }
        return out.toString();
    }

    @Test
    void the_scan_reads_the_pending_cases_by_index_and_marks_each_due_case_once() throws Exception {
        try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement()) {
            String pending = plan(s, "overdue-pending.sql");
            assertThat(pending).as(pending).contains("incident_overdue_pending_idx").contains("incident_escalation_pending_idx")
                    .doesNotContain("Seq Scan on incident");
            assertThat(plan(s, "mark-overdue.sql")).contains("incident_overdue_pending_idx");
            assertThat(plan(s, "mark-escalated.sql")).contains("incident_escalation_pending_idx");
        }
        OverdueScanner scanner = new OverdueScanner(db.dataSource());
        assertThat(scanner.scan()).as("first scan: the four overdue cases; escalation needs the announcement first")
                .isEqualTo(new OverdueScanner.ScanResult(4, 0));
        assertThat(scanner.scan()).as("second scan: the case overdue far beyond its time limit is escalated")
                .isEqualTo(new OverdueScanner.ScanResult(0, 1));
        assertThat(scanner.scan()).as("nothing is marked twice").isEqualTo(new OverdueScanner.ScanResult(0, 0));
    }
}
