package org.gridlens.tiles.cache;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.gridlens.tiles.TileCoord;
import org.gridlens.tiles.filter.TileFilter;
import org.gridlens.tiles.layer.LayerCatalog;
import org.gridlens.tiles.layer.LayerDefinition;
import org.gridlens.tiles.render.TileRequest;
import org.locationtech.jts.geom.Envelope;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the fixed views of the wall displays rendered: every tile of each {@link PrewarmView} over the
 * district is rendered into the {@link TileService} cache at start-up, and again shortly after a data
 * change dropped it, so a display asking for it finds it cached.
 *
 * <p>One background thread renders through {@link TileService#tile}, so warming obeys the service's
 * render bound and never crowds out requests beyond it; a tile refused as busy, or failing, is retried
 * with the next change or pass. Changes are collected for {@code debounceMillis} before a pass, so a
 * stream of incidents costs one re-render per tile per pass, not one per incident. Unfiltered tiles
 * only. At most {@value #MAX_TILES} tiles in all (checked at construction).
 */
public final class TilePrewarmer implements LayerChangeListener, AutoCloseable {

    public static final int MAX_TILES = 20_000;
    private static final Logger log = LoggerFactory.getLogger(TilePrewarmer.class);

    private final TileService service;
    private final List<TileRequest> requests;
    private final long debounceMillis;
    private final ScheduledExecutorService worker = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "gridlens-tile-prewarm");
        t.setDaemon(true);
        return t;
    });
    private final Set<TileRequest> dirty = new LinkedHashSet<>();
    private boolean scheduled;
    private volatile long warmed;

    /**
     * @param district the district's WGS84 extent: the tiles covering it at each zoom are warmed
     * @throws IllegalArgumentException for an unknown layer, a zoom outside a layer's range, or more
     *                                  than {@value #MAX_TILES} tiles
     */
    public TilePrewarmer(TileService service, LayerCatalog catalog, List<PrewarmView> views, Envelope district,
                         long debounceMillis) {
        this.service = service;
        this.debounceMillis = debounceMillis;
        List<TileRequest> out = new ArrayList<>();
        for (PrewarmView v : views) {
            List<LayerDefinition> layers = layers(catalog, v);
            for (int z = v.minZoom(); z <= v.maxZoom(); z++) {
                TileCoord nw = TileCoord.containing(z, district.getMinX(), district.getMaxY());
                TileCoord se = TileCoord.containing(z, district.getMaxX(), district.getMinY());
                for (int x = nw.x(); x <= se.x(); x++) {
                    for (int y = nw.y(); y <= se.y(); y++) {
                        out.add(new TileRequest(layers, new TileCoord(z, x, y), TileFilter.NONE));
                        if (out.size() > MAX_TILES) {
                            throw new IllegalArgumentException("the pre-warmed views cover more than " + MAX_TILES
                                    + " tiles; narrow their zoom ranges");
                        }
                    }
                }
            }
        }
        this.requests = List.copyOf(out);
    }

    /** Checks that every layer of every view exists and is served over the view's zoom range. */
    public static void check(LayerCatalog catalog, List<PrewarmView> views) {
        views.forEach(v -> layers(catalog, v));
    }

    private static List<LayerDefinition> layers(LayerCatalog catalog, PrewarmView v) {
        List<LayerDefinition> layers = new ArrayList<>();
        for (String id : v.layers()) {
            LayerDefinition d = catalog.find(id).orElseThrow(() -> new IllegalArgumentException("no layer " + id + " to pre-warm"));
            if (v.minZoom() < d.minZoom() || v.maxZoom() > d.maxZoom()) {
                throw new IllegalArgumentException("layer " + id + " is served at z" + d.minZoom() + "-" + d.maxZoom()
                        + ", not z" + v.minZoom() + "-" + v.maxZoom());
            }
            if (layers.contains(d)) {
                throw new IllegalArgumentException("layer " + id + " is named twice in one view");
            }
            layers.add(d);
        }
        return layers;
    }

    /** The tiles kept warm. */
    public List<TileRequest> requests() {
        return requests;
    }

    /** Tiles rendered (or found cached) by warming so far. */
    public long warmed() {
        return warmed;
    }

    /** Warms every tile in the background. */
    public void start() {
        if (requests.isEmpty()) {
            return;
        }
        log.info("pre-warming {} tiles of the wall views", requests.size());
        synchronized (dirty) {
            dirty.addAll(requests);
            schedule(0);
        }
    }

    @Override
    public void layerChanged(String layer, Envelope bbox4326OrNull, long version) {
        Envelope box = bbox4326OrNull == null ? null : TileService.toMercator(bbox4326OrNull);
        synchronized (dirty) {
            int before = dirty.size();
            for (TileRequest r : requests) {
                if (r.contains(layer) && (box == null || TileService.withBuffer(r.tile()).intersects(box))) {
                    dirty.add(r);
                }
            }
            if (dirty.size() > before) {
                schedule(debounceMillis);
            }
        }
    }

    private void schedule(long delay) {
        if (!scheduled && !worker.isShutdown()) {
            scheduled = true;
            worker.schedule(this::pass, delay, TimeUnit.MILLISECONDS);
        }
    }

    private void pass() {
        List<TileRequest> todo;
        synchronized (dirty) {
            todo = List.copyOf(dirty);
            dirty.clear();
            scheduled = false;
        }
        int failed = 0;
        for (TileRequest r : todo) {
            if (worker.isShutdown()) {
                return;
            }
            try {
                service.tile(r);
                warmed++;
            } catch (TileBusyException | SQLException e) {
                failed++;
            } catch (RuntimeException e) {
                failed++;
                log.warn("pre-warming {} failed: {}", r, e.toString());
            }
        }
        if (failed > 0) {
            log.info("pre-warming: {} of {} tiles not rendered this pass (busy or failing); they are retried with the next change",
                    failed, todo.size());
        }
    }

    @Override
    public void close() {
        worker.shutdownNow();
    }
}
