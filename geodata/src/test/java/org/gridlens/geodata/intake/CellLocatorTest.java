package org.gridlens.geodata.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import org.gridlens.geodata.db.Database;
import org.gridlens.geodata.region.GridCellIndex;
import org.gridlens.geodata.testing.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class CellLocatorTest {

    static Database db;

    @BeforeAll
    static void open() throws Exception {
        db = TestDatabase.freshDatabase("cell_locator");
        IntakeTriggersTest.insertRegionsAndCells(db);
    }

    @AfterAll
    static void close() {
        db.close();
    }

    /** lon, lat of a point inside unit cell {@code id}. */
    private static double[] inside(int id) throws Exception {
        try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT ST_X(p), ST_Y(p) FROM (SELECT ST_PointOnSurface(geom) p FROM unit_cell WHERE id = "
                     + id + ") q")) {
            rs.next();
            return new double[] {rs.getDouble(1), rs.getDouble(2)};
        }
    }

    @Test
    void anExpiredIndexIsReloadedInTheBackgroundWhileCallersPlaceWithTheOldOne() throws Exception {
        CellLocator locator = new CellLocator(db.dataSource(), Duration.ZERO); // always expired after the first load
        double[] p = inside(1);
        GridCellIndex.Placement first = locator.place(p[0], p[1]);
        assertThat(first.cellId()).isEqualTo(1);
        try (Connection blocker = db.dataSource().getConnection(); Statement s = blocker.createStatement()) {
            blocker.setAutoCommit(false);
            // The reload cannot read unit_cell until this transaction ends: a caller that waited for it would hang.
            s.execute("LOCK TABLE unit_cell IN ACCESS EXCLUSIVE MODE");
            for (int i = 0; i < 3; i++) {
                GridCellIndex.Placement again = assertTimeoutPreemptively(Duration.ofSeconds(30), () -> locator.place(p[0], p[1]));
                assertThat(again).isEqualTo(first);
            }
            s.execute("DELETE FROM unit_cell WHERE id = 1");
            blocker.commit();
        }
        // Once the lock is gone the background reload finishes and sees cell 1 gone (polling: no fixed wait).
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        GridCellIndex.Placement now = locator.place(p[0], p[1]);
        while (Integer.valueOf(1).equals(now.cellId()) && System.nanoTime() < deadline) {
            Thread.onSpinWait();
            now = locator.place(p[0], p[1]);
        }
        assertThat((Object) now.cellId()).isNotEqualTo(1);
    }
}
