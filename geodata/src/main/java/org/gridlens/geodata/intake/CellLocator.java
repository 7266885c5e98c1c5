package org.gridlens.geodata.intake;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.sql.DataSource;
import org.gridlens.geodata.region.GridCellIndex;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds the management grid and the unit cell of a WGS84 point in memory, by the database's rule
 * ({@code gl_grid_of} / {@code gl_cell_of}: among the polygons whose closed area contains the point, the
 * lowest grid code / cell id), so that intake does not pay two spatial index probes per record in the
 * insert (measured on {@code district}: about half of a 10,000-record batch's time).
 *
 * <p>Grid polygons and unit cells are held in a {@link GridCellIndex}, reloaded after a minute or after
 * {@link #invalidate()}. The minute's reload runs on a background thread while callers keep placing
 * points with the old index: it took a few hundred milliseconds on {@code district} on the intake writer's
 * own thread, which with one writer stalled every single-report intake once a minute. Limits: a grid or cell edited in the
 * database is seen by intake only after that reload; incidents stored before it keep the old
 * assignment until the importer's re-assignment runs (as for any other writer). A point outside every
 * grid or cell gets null, and the row trigger then tries the database rule once more.
 */
public final class CellLocator {

    private static final Logger log = LoggerFactory.getLogger(CellLocator.class);

    private record Snapshot(GridCellIndex index, long loadedAtNanos) {
    }

    private final DataSource dataSource;
    private final Duration ttl;
    private volatile Snapshot snapshot;
    private final AtomicBoolean reloading = new AtomicBoolean();

    public CellLocator(DataSource dataSource) {
        this(dataSource, Duration.ofSeconds(60));
    }

    /** With {@code ttl}, the age after which the index is reloaded (tests: short). */
    CellLocator(DataSource dataSource, Duration ttl) {
        this.dataSource = dataSource;
        this.ttl = ttl;
    }

    /** Grid and cell of the WGS84 point. */
    public GridCellIndex.Placement place(double lon, double lat) {
        return current().index().place(lon, lat);
    }

    /** Forget the loaded polygons; the next {@link #place} reloads them. */
    public void invalidate() {
        snapshot = null;
    }

    private Snapshot current() {
        Snapshot s = snapshot;
        if (s == null) {
            synchronized (this) { // only the very first load (or the one after invalidate) makes callers wait
                s = snapshot;
                if (s == null) {
                    s = load();
                    snapshot = s;
                }
            }
        } else if (System.nanoTime() - s.loadedAtNanos() > ttl.toNanos() && reloading.compareAndSet(false, true)) {
            // Expired: one background thread reloads while every caller keeps using the old polygons.
            Snapshot expired = s;
            Thread t = new Thread(() -> reload(expired), "gridlens-cell-reload");
            t.setDaemon(true);
            t.start();
        }
        return s;
    }

    private void reload(Snapshot expired) {
        try {
            Snapshot fresh = load();
            synchronized (this) { // only over the snapshot it replaces: not after an invalidate() and a newer load
                if (snapshot == expired) {
                    snapshot = fresh;
                }
            }
        } catch (RuntimeException e) {
            log.warn("could not reload grids and unit cells; placing with the ones loaded before: {}", e.getMessage());
        } finally {
            reloading.set(false);
        }
    }

    private Snapshot load() {
        try (Connection c = dataSource.getConnection()) {
            return new Snapshot(GridCellIndex.load(c), System.nanoTime());
        } catch (SQLException e) {
            throw new IntakeStoreException(e);
        }
    }
}
