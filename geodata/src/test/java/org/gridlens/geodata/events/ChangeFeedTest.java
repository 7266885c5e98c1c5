package org.gridlens.geodata.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.Statement;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.gridlens.geodata.testing.FreshDatabase;
import org.gridlens.geodata.testing.RegionFixture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class ChangeFeedTest {

    @RegisterExtension
    static final FreshDatabase db = FreshDatabase.named("changefeed");
    static ChangeFeed feed;
    static final LinkedBlockingQueue<DataChange> seen = new LinkedBlockingQueue<>();

    @BeforeAll
    static void start() throws Exception {
        feed = new ChangeFeed(db.target()).start();
        feed.subscribe(seen::add);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!feed.connected() && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertThat(feed.connected()).isTrue();
    }

    @AfterAll
    static void stop() {
        feed.close();
    }

    @Test
    void committed_changes_arrive_with_their_table_and_extent_and_rolled_back_ones_never() throws Exception {
        RegionFixture.insert(db.dataSource());
        DataChange regions = seen.poll(5, TimeUnit.SECONDS);
        assertThat(regions).isNotNull();
        assertThat(regions.table()).isEqualTo("region");
        assertThat(regions.bbox()).isPresent();
        assertThat(regions.bbox().get().getMinX()).isCloseTo(RegionFixture.WEST, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(regions.bbox().get().getMaxY()).isCloseTo(RegionFixture.NORTH, org.assertj.core.data.Offset.offset(1e-9));

        // The fixture's batch may run as several statements, each announced; they arrive together at commit.
        Thread.sleep(300);
        seen.clear();
        try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement()) {
            c.setAutoCommit(false);
            s.execute("UPDATE region SET name = name || '!' WHERE level = 'grid'");
            c.rollback();
            s.execute("INSERT INTO facility(code, district_code, type, name, geom) VALUES "
                    + "('F1','630102','market','菜市场', ST_SetSRID(ST_MakePoint(101.81, 36.61), 4326))");
            c.commit();
        }
        DataChange next = seen.poll(5, TimeUnit.SECONDS);
        assertThat(next).isNotNull();
        assertThat(next.table()).as("the rolled-back update must not be announced").isEqualTo("facility");
        assertThat(next.version()).isGreaterThan(regions.version());
        assertThat(next.bbox().get().getMinX()).isCloseTo(101.81, org.assertj.core.data.Offset.offset(1e-9));
    }

    @Test
    void malformed_payloads_are_ignored() {
        assertThat(ChangeFeed.parse("not json")).isEmpty();
        assertThat(ChangeFeed.parse("{\"table\":\"incident\",\"version\":3,\"bbox\":null}")).get()
                .extracting(DataChange::bbox).isEqualTo(java.util.Optional.empty());
    }
}
