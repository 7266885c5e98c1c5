package org.gridlens.geodata.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.gridlens.geodata.db.PostgresBinaries;
import org.gridlens.geodata.db.PrivateCluster;
import org.junit.jupiter.api.Test;

/** After the database comes back, a listener reconnects by itself and first says "assume everything changed". */
class NotificationListenerReconnectTest {

    @Test
    void a_restarted_database_is_followed_by_a_resynchronise_notice_and_live_notifications_again() throws Exception {
        try (PrivateCluster cluster = PrivateCluster.startThrowaway(PostgresBinaries.locate().orElseThrow(), "postgres");
             ChangeFeed feed = new ChangeFeed(cluster.target())) {
            LinkedBlockingQueue<DataChange> seen = new LinkedBlockingQueue<>();
            feed.subscribe(seen::add);
            feed.start();
            waitFor(feed::connected);
            cluster.stop();
            waitFor(() -> !feed.connected());
            cluster.start();
            DataChange first = seen.poll(20, TimeUnit.SECONDS);
            assertThat(first).isEqualTo(DataChange.everything());
            waitFor(feed::connected);
            try (var c = java.sql.DriverManager.getConnection(cluster.target().jdbcUrl(), cluster.target().user(),
                    cluster.target().password()); var s = c.createStatement()) {
                s.execute("SELECT pg_notify('gridlens_change', '{\"table\":\"incident\",\"version\":7,\"bbox\":null}')");
            }
            DataChange live = seen.poll(10, TimeUnit.SECONDS);
            assertThat(live).isNotNull();
            assertThat(live.table()).isEqualTo("incident");
            assertThat(live.version()).isEqualTo(7);
        }
    }

    private static void waitFor(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("condition within 20 s").isLessThan(deadline);
            Thread.sleep(50);
        }
    }
}
