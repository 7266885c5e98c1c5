package org.gridlens.geodata.intake;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.sql.DataSource;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.Point;
import org.locationtech.jts.geom.prep.PreparedGeometry;
import org.locationtech.jts.geom.prep.PreparedGeometryFactory;
import org.locationtech.jts.index.strtree.STRtree;
import org.locationtech.jts.io.ParseException;
import org.locationtech.jts.io.WKBReader;

/**
 * Finds the management grid and the unit cell of a WGS84 point in memory, by the database's rule
 * ({@code gl_grid_of} / {@code gl_cell_of}: among the polygons whose closed area contains the point, the
 * lowest grid code / cell id), so that intake does not pay two spatial index probes per record in the
 * insert (measured on {@code district}: about half of a 10,000-record batch's time).
 *
 * <p>Grid polygons ({@code region} of level 'grid') and unit cells are held as prepared geometries in
 * STR-trees, reloaded after a minute or after {@link #invalidate()}. Limits: a grid or cell edited in the
 * database is seen by intake only after that reload; incidents stored before it keep the old
 * assignment until the importer's re-assignment runs (as for any other writer). A point outside every
 * grid or cell gets null, and the row trigger then tries the database rule once more.
 */
public final class CellLocator {

    private static final Duration TTL = Duration.ofSeconds(60);
    private static final GeometryFactory GF = new GeometryFactory();

    /** Grid code (or null) and cell id (or null) of a point. */
    public record Placement(String gridCode, Integer cellId) {
    }

    private record Item<K extends Comparable<K>>(K key, PreparedGeometry area) {
    }

    private record Snapshot(STRtree grids, STRtree cells, long loadedAtNanos) {
    }

    private final DataSource dataSource;
    private volatile Snapshot snapshot;
    private final AtomicBoolean reloading = new AtomicBoolean();

    public CellLocator(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Grid and cell of the WGS84 point. */
    public Placement place(double lon, double lat) {
        Snapshot s = current();
        Point p = GF.createPoint(new Coordinate(lon, lat));
        return new Placement(lowest(s.grids(), p), lowest(s.cells(), p));
    }

    /** Forget the loaded polygons; the next {@link #place} reloads them. */
    public void invalidate() {
        snapshot = null;
    }

    @SuppressWarnings("unchecked")
    private static <K extends Comparable<K>> K lowest(STRtree tree, Point p) {
        K best = null;
        for (Object o : tree.query(p.getEnvelopeInternal())) {
            Item<K> item = (Item<K>) o;
            if ((best == null || item.key().compareTo(best) < 0) && item.area().intersects(p)) {
                best = item.key();
            }
        }
        return best;
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
        } else if (System.nanoTime() - s.loadedAtNanos() > TTL.toNanos() && reloading.compareAndSet(false, true)) {
            // Expired: one caller reloads while the others keep using the old polygons (no stall every minute).
            try {
                s = load();
                snapshot = s;
            } finally {
                reloading.set(false);
            }
        }
        return s;
    }

    private Snapshot load() {
        return new Snapshot(load("SELECT code, ST_AsBinary(geom) FROM region WHERE level = 'grid'", false),
                load("SELECT id, ST_AsBinary(geom) FROM unit_cell", true), System.nanoTime());
    }

    private STRtree load(String sql, boolean intKeys) {
        STRtree tree = new STRtree();
        WKBReader reader = new WKBReader(GF);
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setFetchSize(2000);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    byte[] wkb = rs.getBytes(2);
                    if (wkb == null) {
                        continue;
                    }
                    PreparedGeometry area = PreparedGeometryFactory.prepare(reader.read(wkb));
                    Envelope env = area.getGeometry().getEnvelopeInternal();
                    tree.insert(env, intKeys ? new Item<>(rs.getInt(1), area) : new Item<>(rs.getString(1), area));
                }
            }
        } catch (SQLException e) {
            throw new IntakeStoreException(e);
        } catch (ParseException e) {
            throw new IllegalStateException("a grid or cell polygon from PostGIS is unreadable", e);
        }
        tree.build();
        return tree;
    }
}
