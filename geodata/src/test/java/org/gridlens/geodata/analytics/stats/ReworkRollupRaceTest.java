package org.gridlens.geodata.analytics.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.gridlens.geodata.analytics.AnalyticsFixture;
import org.gridlens.geodata.analytics.TimeWindow;
import org.gridlens.geodata.testing.FreshDatabase;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Two transactions insert the first rework event of the same closed case at once. At PostgreSQL's default
 * READ COMMITTED, as every writer runs, the V33 trigger of the second waits on the case's row lock that
 * the first holds, then sees the first's event and does not count the case again; at SERIALIZABLE one of
 * the two is aborted with SQLSTATE 40001 and its retry counts nothing twice; REPEATABLE READ, whose
 * snapshot would hide the first's event, is refused before anything is written (V38). The roll-up equals
 * a recount from the stage log. The interleaving is forced, not hoped for: the first transaction commits
 * only once the database reports the second's backend waiting on a lock.
 */
class ReworkRollupRaceTest {

    private static final TimeWindow FEBRUARY = new TimeWindow(LocalDate.of(2026, 2, 1), LocalDate.of(2026, 3, 1));
    private static final Duration PATIENCE = Duration.ofSeconds(120);
    @RegisterExtension
    static final FreshDatabase db = FreshDatabase.named("rework_race").seededWith(AnalyticsFixture::insert);
    private static DataSource ds;

    @BeforeAll
    static void dataSource() {
        ds = db.dataSource();
    }

    /** Reworked cases before the test: each test adds its own cases and checks what it added. */
    private long before;

    @BeforeEach
    void rollupsAgreeBefore() throws Exception {
        before = recount();
        assertThat(db.count("SELECT coalesce(sum(reworked), 0) FROM grid_kpi_day")).isEqualTo(before);
    }

    @Test
    void twoConcurrentFirstReworksOfOneCaseCountItOnce() throws Exception {
        long id = closedCase(120, 80);
        long other = closedCase(900, 1300); // a second case, reworked the same way, in another grid
        assertThat((Throwable) race(Connection.TRANSACTION_READ_COMMITTED, id, other)).as("nothing aborted at READ COMMITTED").isNull();
        assertThat(db.count("SELECT count(*) FROM case_event WHERE stage = 'rework' AND incident_id IN (" + id + ", " + other + ")"))
                .as("both transactions stored their event").isEqualTo(4);
        assertRollupsEqualRecount(2);
    }

    @Test
    void atSerializableTheLoserIsAbortedAndItsRetryCountsNothingTwice() throws Exception {
        long id = closedCase(150, 90);
        long other = closedCase(880, 1310);
        SQLException aborted = race(Connection.TRANSACTION_SERIALIZABLE, id, other);
        assertThat((Throwable) aborted).as("PostgreSQL aborts the second writer that missed the first's event").isNotNull();
        assertThat(aborted.getSQLState()).isEqualTo("40001");
        try (Connection retry = ds.getConnection()) {
            retry.setTransactionIsolation(Connection.TRANSACTION_SERIALIZABLE);
            retry.setAutoCommit(false);
            rework(retry, id);
            rework(retry, other);
            retry.commit();
        }
        assertRollupsEqualRecount(2);
    }

    @Test
    void repeatableReadWritesThatTheRollupsCannotCountAreRefusedBeforeAnythingChanges() throws Exception {
        long id = closedCase(170, 60);
        long events = db.count("SELECT count(*) FROM case_event");
        long reworked = db.count("SELECT coalesce(sum(reworked), 0) FROM grid_kpi_day");
        long closed = db.count("SELECT coalesce(sum(closed), 0) FROM grid_kpi_day");
        try (Connection c = ds.getConnection()) {
            c.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            c.setAutoCommit(false);
            assertThatThrownBy(() -> rework(c, id)).isInstanceOf(SQLException.class)
                    .hasMessageContaining("REPEATABLE READ")
                    .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("25000"));
            c.rollback();
            try (Statement s = c.createStatement()) {
                assertThatThrownBy(() -> s.executeUpdate("UPDATE incident SET closed_at = NULL WHERE id = " + id))
                        .as("reopening a case looks its rework up too").isInstanceOf(SQLException.class)
                        .hasMessageContaining("REPEATABLE READ");
            }
            c.rollback();
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT count(*) FROM case_event")) {
                rs.next();
                assertThat(rs.getLong(1)).as("readers at REPEATABLE READ are not refused").isEqualTo(events);
            }
            c.commit();
        }
        assertThat(db.count("SELECT count(*) FROM case_event")).as("no event written").isEqualTo(events);
        assertThat(db.count("SELECT coalesce(sum(reworked), 0) FROM grid_kpi_day")).isEqualTo(reworked);
        assertThat(db.count("SELECT coalesce(sum(closed), 0) FROM grid_kpi_day")).as("the case stayed closed").isEqualTo(closed);
    }

    /**
     * Transaction A reworks both cases, then B (on its own thread) does the same and blocks on A's row lock;
     * A commits once B waits. Both run at {@code isolation}. Returns B's failure if the database aborted B
     * (rolled back), or null if B committed.
     */
    private static SQLException race(int isolation, long id, long other) throws Exception {
        ExecutorService second = Executors.newSingleThreadExecutor();
        try (Connection a = ds.getConnection(); Connection b = ds.getConnection()) {
            for (Connection c : List.of(a, b)) {
                c.setTransactionIsolation(isolation);
                c.setAutoCommit(false);
            }
            int bPid = backendPid(b);
            rework(a, id);
            rework(a, other);
            Future<SQLException> blocked = second.submit(() -> {
                try {
                    rework(b, id);
                    rework(b, other);
                    b.commit();
                    return null;
                } catch (SQLException e) {
                    b.rollback();
                    return e;
                }
            });
            awaitLockWait(bPid);
            a.commit();
            return blocked.get(PATIENCE.toSeconds(), TimeUnit.SECONDS);
        } finally {
            second.shutdownNow();
        }
    }

    private void assertRollupsEqualRecount(long expected) throws Exception {
        assertThat(db.count("SELECT coalesce(sum(reworked), 0) FROM grid_kpi_day"))
                .as("reworked cases in the day roll-up = cases with a rework event").isEqualTo(recount());
        assertThat(db.count("SELECT coalesce(sum(reworked), 0) FROM grid_kpi_month")).isEqualTo(recount());
        assertThat(recount() - before).as("cases this test reworked").isEqualTo(expected);
        GridStatisticsCalculator calc = new GridStatisticsCalculator(ds, SuppressionPolicy.DEFAULT);
        List<RegionStatistics> fast = calc.compute(FEBRUARY, true, true);
        assertThat(fast).usingRecursiveComparison()
                .withComparatorForFields(Comparator.nullsFirst((Double x, Double y) -> Math.abs(x - y) < 1e-9 ? 0 : Double.compare(x, y)),
                        "kpis.avgHandlingHours")
                .isEqualTo(calc.compute(FEBRUARY, true, false));
    }

    /** A case registered, handled and closed in February 2026 at dx, dy metres in the fixture square. */
    private static long closedCase(double dx, double dy) throws Exception {
        long id = AnalyticsFixture.incident(ds, dx, dy, "0101", "hotline", LocalDateTime.of(2026, 2, 10, 9, 0), "closed");
        try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
            s.execute("""
                    UPDATE incident SET registered_at = reported_at + interval '1 hour', deadline = reported_at + interval '2 days',
                                        handled_at = reported_at + interval '1 day', closed_at = reported_at + interval '30 hours'
                    WHERE id = %d""".formatted(id));
        }
        assertThat(db.count("SELECT count(*) FROM incident WHERE grid_code IS NOT NULL AND id = " + id)).as("the case lies in a grid")
                .isEqualTo(1);
        return id;
    }

    private static void rework(Connection c, long incident) throws Exception {
        try (PreparedStatement ps = c.prepareStatement("""
                INSERT INTO case_event (district_code, incident_id, stage, at, actor)
                SELECT district_code, id, 'rework', closed_at - interval '1 hour', 'race-test' FROM incident WHERE id = ?""")) {
            ps.setLong(1, incident);
            assertThat(ps.executeUpdate()).isEqualTo(1);
        }
    }

    private static int backendPid(Connection c) throws Exception {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT pg_backend_pid()")) {
            rs.next();
            return rs.getInt(1);
        }
    }

    /** Polls until backend {@code pid} waits on a heavyweight lock (a row lock held by another transaction). */
    private static void awaitLockWait(int pid) throws Exception {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (System.nanoTime() < deadline) {
            if (db.count("SELECT count(*) FROM pg_stat_activity WHERE pid = " + pid + " AND wait_event_type = 'Lock'") == 1) {
                return;
            }
            Thread.sleep(20);
        }
        throw new AssertionError("the second transaction never waited on the first's lock within " + PATIENCE);
    }

    private static long recount() throws Exception {
        return db.count("""
                SELECT count(*) FROM incident i WHERE i.grid_code IS NOT NULL AND i.closed_at IS NOT NULL
                  AND EXISTS (SELECT 1 FROM case_event e WHERE e.incident_id = i.id AND e.stage = 'rework')""");
    }

}
