package org.gridlens.geodata.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import javax.sql.DataSource;
import org.gridlens.geodata.testing.FreshDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class StatementTimeoutsTest {

    @RegisterExtension
    static final FreshDatabase db = FreshDatabase.named("stmt_timeouts");

    @AfterEach
    void leaveScope() {
        StatementTimeouts.exit();
    }

    @Test
    void a_scope_cancels_statements_over_its_timeout_in_both_pools() {
        for (DataSource ds : new DataSource[] {db.dataSource(), db.database().readOnly()}) {
            StatementTimeouts.enter(Duration.ofMillis(200));
            assertThatThrownBy(() -> sleep(ds, 2.0))
                    .isInstanceOf(SQLException.class)
                    .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("57014"));
        }
    }

    @Test
    void the_next_borrower_gets_the_pools_default_back() throws SQLException {
        String poolDefault = timeout(db.dataSource());
        StatementTimeouts.enter(Duration.ofMillis(1234));
        assertThat(timeout(db.dataSource())).isEqualTo("1234ms");
        StatementTimeouts.exit();
        // Every pooled connection, including the one the scope used, is back at the default.
        for (int i = 0; i < 8; i++) {
            assertThat(timeout(db.dataSource())).isEqualTo(poolDefault);
        }
    }

    @Test
    void a_longer_scope_outlives_the_pools_default_and_its_socket_timeout() throws SQLException {
        // The test pool's default is far longer than this sleep; the point is that the scope raises the
        // driver's socket timeout along with the statement timeout instead of leaving it below.
        StatementTimeouts.enter(Duration.ofHours(1));
        try (Connection c = db.dataSource().getConnection()) {
            assertThat(c.getNetworkTimeout()).isGreaterThanOrEqualTo((int) Duration.ofHours(1).toMillis());
        }
        sleep(db.dataSource(), 0.2);
    }

    @Test
    void a_setting_made_inside_a_transaction_survives_its_rollback_and_is_still_restored() throws SQLException {
        String poolDefault = timeout(db.dataSource());
        StatementTimeouts.enter(Duration.ofMillis(300));
        try (Connection c = db.dataSource().getConnection()) {
            c.setAutoCommit(false);
            c.rollback();
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SHOW statement_timeout")) {
                rs.next();
                assertThat(rs.getString(1)).isEqualTo("300ms");
            }
            c.setAutoCommit(false); // returned to the pool mid-transaction
            try (Statement s = c.createStatement()) {
                s.execute("SELECT 1");
            }
        }
        StatementTimeouts.exit();
        for (int i = 0; i < 8; i++) {
            assertThat(timeout(db.dataSource())).isEqualTo(poolDefault);
        }
    }

    @Test
    void negative_timeouts_are_refused() {
        assertThatThrownBy(() -> StatementTimeouts.enter(Duration.ofMillis(-1))).isInstanceOf(IllegalArgumentException.class);
    }

    private static void sleep(DataSource ds, double seconds) throws SQLException {
        try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
            s.execute("SELECT pg_sleep(" + seconds + ")");
        }
    }

    private static String timeout(DataSource ds) throws SQLException {
        try (Connection c = ds.getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SHOW statement_timeout")) {
            rs.next();
            return rs.getString(1);
        }
    }
}
