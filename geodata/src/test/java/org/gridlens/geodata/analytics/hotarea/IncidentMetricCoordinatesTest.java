package org.gridlens.geodata.analytics.hotarea;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringReader;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.LocalDateTime;
import javax.sql.DataSource;
import org.gridlens.geodata.analytics.AnalyticsFixture;
import org.gridlens.geodata.analytics.TimeWindow;
import org.gridlens.geodata.testing.FreshDatabase;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.postgresql.PGConnection;

/**
 * The stored EPSG:4543 coordinates of incidents (V34) stay bit-identical to projecting the point at query
 * time, whichever way a row is written — INSERT, COPY, an update that moves the point, an update that does
 * not — and {@link IncidentPointReader} reads the current ones (a moved incident at its new place, a
 * deleted one gone).
 */
class IncidentMetricCoordinatesTest {

    /** Each test writes in its own month, so neither sees the other's rows. */
    private static final TimeWindow JANUARY = new TimeWindow(LocalDate.of(2026, 1, 1), LocalDate.of(2026, 2, 1));
    private static final TimeWindow FEBRUARY = new TimeWindow(LocalDate.of(2026, 2, 1), LocalDate.of(2026, 3, 1));
    @RegisterExtension
    static final FreshDatabase db = FreshDatabase.named("incident_metric_xy").seededWith(AnalyticsFixture::insert);
    private static DataSource ds;

    @BeforeAll
    static void dataSource() {
        ds = db.dataSource();
    }

    @Test
    void storedCoordinatesEqualTheProjectionAfterInsertCopyMoveAndDelete() throws Exception {
        long a = AnalyticsFixture.incident(ds, 10, 20, "0101", "hotline", LocalDateTime.of(2026, 1, 5, 9, 30), "reported");
        long b = AnalyticsFixture.incident(ds, 333.3, 777.7, "0102", "camera", LocalDateTime.of(2026, 1, 6, 23, 59), "closed");
        try (Connection c = ds.getConnection()) {
            c.unwrap(PGConnection.class).getCopyAPI().copyIn("""
                    COPY incident (district_code, source, source_id, kind, category_code, reported_at, status, geom) FROM STDIN
                    """, new StringReader("630102\thotline\tcopy-1\tevent\t0101\t2026-01-07 08:00+08\treported\tSRID=4326;POINT(101.8031 36.6042)\n"
                    + "630102\tgrid_worker\tcopy-2\tevent\t0404\t2026-01-08 08:00+08\trejected\tSRID=4326;POINT(101.8107 36.6119)\n"));
        }
        assertThat(mismatches()).isZero();
        assertThat(db.count("SELECT count(*) FROM incident WHERE (id IN (" + a + ", " + b + ") OR source_id LIKE 'copy-_')"
                + " AND x_4543 IS NOT NULL AND y_4543 IS NOT NULL")).isEqualTo(4);

        db.execute("UPDATE incident SET geom = ST_SetSRID(ST_MakePoint(101.8155, 36.6177), 4326) WHERE id = " + a);
        db.execute("UPDATE incident SET status = 'closed', closed_at = reported_at + interval '1 day' WHERE id = " + b);
        assertThat(mismatches()).isZero();

        IncidentPoints points = read(JANUARY);
        int at = indexOf(points, a);
        try (Connection c = ds.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT ST_X(ST_Transform(geom, 4543)), ST_Y(ST_Transform(geom, 4543)) FROM incident WHERE id = "
                     + a)) {
            rs.next();
            assertThat(points.x[at]).as("moved incident, east").isEqualTo(rs.getDouble(1));
            assertThat(points.y[at]).as("moved incident, north").isEqualTo(rs.getDouble(2));
        }
        assertThat(points.state[indexOf(points, b)]).isEqualTo(IncidentPoints.CLOSED);

        db.execute("DELETE FROM incident WHERE id = " + b);
        IncidentPoints after = read(JANUARY);
        assertThat(indexOf(after, a)).isNotNegative();
        assertThat(indexOf(after, b)).isEqualTo(-1);
        assertThat(mismatches()).isZero();
    }

    @Test
    void theReaderReturnsEveryColumnOfTheWindowAndNothingOutsideIt() throws Exception {
        long in = AnalyticsFixture.incident(ds, 50, 50, "0404", "resident_app", LocalDateTime.of(2026, 2, 28, 23, 59, 59), "rejected");
        long out = AnalyticsFixture.incident(ds, 50, 50, "0404", "resident_app", LocalDateTime.of(2026, 3, 1, 0, 0), "reported");
        long before = AnalyticsFixture.incident(ds, 50, 50, "0404", "resident_app", LocalDateTime.of(2026, 1, 31, 23, 59, 59), "reported");
        IncidentPoints p = read(FEBRUARY);
        int i = indexOf(p, in);
        assertThat(i).isNotNegative();
        assertThat(indexOf(p, out)).as("the window's end is exclusive").isEqualTo(-1);
        assertThat(indexOf(p, before)).as("before the window").isEqualTo(-1);
        assertThat(p.categoryNames[p.category[i]]).isEqualTo("0404");
        assertThat(p.sourceNames[p.source[i]]).isEqualTo("resident_app");
        assertThat(p.state[i]).isEqualTo(IncidentPoints.REJECTED);
        assertThat(p.micros[i]).isEqualTo(LocalDateTime.of(2026, 2, 28, 23, 59, 59).atZone(TimeWindow.ZONE).toEpochSecond() * 1_000_000L);
        db.execute("DELETE FROM incident WHERE id IN (" + in + ", " + out + ", " + before + ")");
    }

    private static IncidentPoints read(TimeWindow window) throws Exception {
        try (Connection c = ds.getConnection()) {
            c.setAutoCommit(false);
            IncidentPoints p = IncidentPointReader.read(c, window);
            c.commit();
            return p;
        }
    }

    private static int indexOf(IncidentPoints p, long id) {
        for (int i = 0; i < p.size; i++) {
            if (p.id[i] == id) {
                return i;
            }
        }
        return -1;
    }

    private static long mismatches() throws Exception {
        return db.count("""
                SELECT count(*) FROM incident
                WHERE x_4543 IS DISTINCT FROM ST_X(ST_Transform(geom, 4543)) OR y_4543 IS DISTINCT FROM ST_Y(ST_Transform(geom, 4543))
                """);
    }

}
