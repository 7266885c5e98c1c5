package org.gridlens.tiles.cache;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.gridlens.geodata.events.DataChange;
import org.gridlens.tiles.TileCoord;
import org.gridlens.tiles.layer.LayerCatalog;
import org.gridlens.tiles.layer.LayerDefinition;
import org.gridlens.tiles.render.RenderedTile;
import org.gridlens.tiles.render.TileRenderer;
import org.gridlens.tiles.render.TileRequest;
import org.locationtech.jts.geom.Envelope;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves tiles: from the cache when it can, else by rendering under an admission bound and a size budget.
 *
 * <p>Guarantees:
 * <ul>
 *   <li><b>Budget, never truncation.</b> A tile over {@code budgetBytes} is rendered again one
 *       generalisation level coarser (up to {@link TileRenderer#MAX_LEVEL}); the level is reported in
 *       {@link TileResult#level()} and counted in {@code gridlens.tiles.generalised}. Features are never
 *       dropped to fit: if the coarsest level is still over budget it is served as is and logged.</li>
 *   <li><b>Bounded work.</b> At most {@code maxRenders} tiles render at once; a request that cannot get a
 *       slot within {@code admissionWait} gets {@link TileBusyException} (cached tiles are unaffected). Of
 *       those, at most {@code maxScans} count incident rows one by one ({@link TileRequest#scansIncidents}:
 *       status or source filters at low zoom, seconds each), so such requests cannot take every slot.</li>
 *   <li><b>Freshness.</b> {@link #onChange} drops exactly the cached tiles of the affected layers whose
 *       area (with the render buffer and the layer's reach) meets the change's box, at every zoom, then
 *       tells the {@link LayerChangeListener}s. A render that overlaps a change is served but not cached.</li>
 *   <li><b>Stale while the database fails.</b> When rendering fails because the database is unreachable
 *       or too slow, the last good bytes for the same request are served, marked stale.</li>
 * </ul>
 * Limits: invalidation scans the cached keys (linear in the number of cached tiles); layers normalised
 * over the whole district (heat) are dropped entirely on any change of their tables.
 */
public final class TileService {

    private static final Logger log = LoggerFactory.getLogger(TileService.class);
    private static final double WORLD = 20037508.342789244;

    private final TileRenderer renderer;
    private final LayerCatalog catalog;
    private final TileServiceSettings settings;
    private final Cache<TileRequest, TileResult> cache;
    private final Cache<TileRequest, TileResult> lastGood;
    private final Semaphore renders;
    private final Semaphore scans;
    private final AtomicLong changes = new AtomicLong();
    private final List<LayerChangeListener> listeners = new CopyOnWriteArrayList<>();
    private final MeterRegistry metrics;
    private final io.micrometer.core.instrument.Counter hits;
    private final Timer renderTimer;

    public TileService(TileRenderer renderer, LayerCatalog catalog, TileServiceSettings settings, MeterRegistry metrics) {
        this.renderer = renderer;
        this.catalog = catalog;
        this.settings = settings;
        this.metrics = metrics;
        this.hits = metrics.counter("gridlens.tiles.requests", "result", "hit");
        this.renders = new Semaphore(settings.maxRenders());
        this.scans = new Semaphore(settings.maxScans());
        this.cache = Caffeine.newBuilder()
                .maximumWeight(settings.cacheBytes())
                .weigher((TileRequest k, TileResult v) -> (int) Math.min(Integer.MAX_VALUE, v.weight()))
                .expireAfter(new Expiry<TileRequest, TileResult>() {
                    @Override
                    public long expireAfterCreate(TileRequest key, TileResult value, long currentTime) {
                        return ttl(key).toNanos();
                    }

                    @Override
                    public long expireAfterUpdate(TileRequest key, TileResult value, long currentTime, long currentDuration) {
                        return ttl(key).toNanos();
                    }

                    @Override
                    public long expireAfterRead(TileRequest key, TileResult value, long currentTime, long currentDuration) {
                        return currentDuration;
                    }
                })
                .build();
        this.lastGood = Caffeine.newBuilder()
                .maximumWeight(settings.lastGoodBytes())
                .weigher((TileRequest k, TileResult v) -> (int) Math.min(Integer.MAX_VALUE, v.weight()))
                .build();
        this.renderTimer = Timer.builder("gridlens.tiles.render").description("Uncached tile renders, all levels")
                .publishPercentiles(0.5, 0.95, 0.99).register(metrics);
    }

    private static Duration ttl(TileRequest key) {
        return key.layers().stream().map(LayerDefinition::ttl).min(Duration::compareTo).orElse(Duration.ofMinutes(1));
    }

    public void addListener(LayerChangeListener listener) {
        listeners.add(listener);
    }

    /** The cached tile for a request, or null when it is not cached (never renders; counts a hit). */
    public TileResult cached(TileRequest request) {
        TileResult hit = cache.getIfPresent(request);
        if (hit == null) {
            return null;
        }
        count("hit");
        return hit.as(false, true);
    }

    /**
     * The tile for a request.
     *
     * @throws TileBusyException when no render slot frees up in time
     * @throws SQLException      when rendering fails and no last good tile exists
     */
    public TileResult tile(TileRequest request) throws SQLException {
        TileResult hit = cache.getIfPresent(request);
        if (hit != null) {
            count("hit");
            return hit.as(false, true);
        }
        boolean scan = request.scansIncidents();
        if (scan && !admit(scans)) {
            count("busy");
            throw new TileBusyException("too many status- or source-filtered low-zoom tiles are being counted; try again shortly");
        }
        try {
            if (!admit(renders)) {
                count("busy");
                throw new TileBusyException("too many tiles are being rendered; try again shortly");
            }
            try {
                return renderAdmitted(request);
            } finally {
                renders.release();
            }
        } finally {
            if (scan) {
                scans.release();
            }
        }
    }

    private boolean admit(Semaphore slots) {
        try {
            return slots.tryAcquire(settings.admissionWait().toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** The tile for a request holding a render slot: from the cache, or rendered and cached. */
    private TileResult renderAdmitted(TileRequest request) throws SQLException {
        TileResult hit = cache.getIfPresent(request);
        if (hit != null) {
            count("hit");
            return hit.as(false, true);
        }
        long before = changes.get();
        TileResult fresh;
        try {
            fresh = render(request);
        } catch (SQLException e) {
            TileResult old = lastGood.getIfPresent(request);
            if (old != null && isUnavailable(e)) {
                count("stale");
                log.warn("serving last good tile {} because the database failed: {}", request, e.getMessage());
                return old.as(true, false);
            }
            throw e;
        }
        count("miss");
        if (changes.get() == before && settings.cacheBytes() > 0) {
            cache.put(request, fresh);
        }
        if (settings.lastGoodBytes() > 0) {
            lastGood.put(request, fresh);
        }
        return fresh;
    }

    private TileResult render(TileRequest request) throws SQLException {
        long t0 = System.nanoTime();
        int level = 0;
        RenderedTile tile = renderer.render(request, level);
        while (tile.bytes().length > settings.budgetBytes() && level < TileRenderer.MAX_LEVEL) {
            level++;
            metrics.counter("gridlens.tiles.generalised", "zoom", String.valueOf(request.tile().z())).increment();
            log.info("tile {} is {} bytes, over the {} byte budget: rendering at generalisation level {}",
                    request, tile.bytes().length, settings.budgetBytes(), level);
            tile = renderer.render(request, level);
        }
        byte[] bytes = tile.bytes();
        for (RenderedTile.LeftOut l : tile.leftOut()) {
            count(l.layer(), "below_pixel", l.belowPixel());
            count(l.layer(), "collapsed", l.collapsed());
        }
        if (!tile.leftOut().isEmpty()) {
            log.debug("tile {} at generalisation level {} left features out: {}", request, level, tile.leftOutSummary());
        }
        if (bytes.length > settings.budgetBytes()) {
            log.warn("tile {} is still {} bytes at the coarsest generalisation; served whole", request, bytes.length);
        }
        renderTimer.record(System.nanoTime() - t0, TimeUnit.NANOSECONDS);
        long maxAge = Math.min(settings.clientMaxAge().toSeconds(), ttl(request).toSeconds());
        return new TileResult(bytes, new GzipOnDemand(), etag(bytes), level, tile.leftOutSummary(), false, false, maxAge);
    }

    /** Counts features a render left out, by layer and reason ({@code gridlens_tiles_features_left_out_total}). */
    private void count(String layer, String reason, long n) {
        if (n > 0) {
            metrics.counter("gridlens.tiles.features.left.out", "layer", layer, "reason", reason).increment(n);
        }
    }

    private void count(String result) {
        if (result.equals("hit")) {
            hits.increment(); // the hot path: no meter lookup per cached tile
        } else {
            metrics.counter("gridlens.tiles.requests", "result", result).increment();
        }
    }

    /**
     * Applies a committed data change: drops the touched tiles of every layer fed by the changed table,
     * then tells the listeners (layer, box, version).
     */
    public void onChange(DataChange change) {
        changes.incrementAndGet();
        for (LayerDefinition layer : catalog.all()) {
            if (layer.sourceTables().stream().noneMatch(change::concerns)) {
                continue;
            }
            Envelope reach = change.bbox().isEmpty() || layer.global() ? null : grow(change.bbox().get(), layer.influenceMetres());
            Envelope mercator = reach == null ? null : toMercator(reach);
            int dropped = 0;
            for (TileRequest key : List.copyOf(cache.asMap().keySet())) {
                if (key.contains(layer.id()) && (mercator == null || withBuffer(key.tile()).intersects(mercator))) {
                    cache.invalidate(key);
                    dropped++;
                }
            }
            if (layer.global()) {
                renderer.maxima().invalidateAll();
            }
            log.debug("change {} v{} dropped {} cached tiles of {}", change.table(), change.version(), dropped, layer.id());
            for (LayerChangeListener l : listeners) {
                try {
                    l.layerChanged(layer.id(), reach, change.version());
                } catch (RuntimeException e) {
                    log.warn("layer change listener failed: {}", e.toString());
                }
            }
        }
    }

    /** Number of cached tiles (for tests and metrics). */
    public long cachedTiles() {
        cache.cleanUp();
        return cache.estimatedSize();
    }

    /** Whether this exact request is cached right now. */
    public boolean isCached(TileRequest request) {
        return cache.getIfPresent(request) != null;
    }

    static Envelope grow(Envelope e, double metres) {
        if (metres <= 0) {
            return new Envelope(e);
        }
        double lat = Math.max(Math.abs(e.getMinY()), Math.abs(e.getMaxY()));
        double dLat = metres / 111_000.0;
        double dLon = metres / (111_000.0 * Math.max(0.01, Math.cos(Math.toRadians(Math.min(lat, 89)))));
        return new Envelope(e.getMinX() - dLon, e.getMaxX() + dLon, e.getMinY() - dLat, e.getMaxY() + dLat);
    }

    static Envelope toMercator(Envelope e) {
        return new Envelope(x(e.getMinX()), x(e.getMaxX()), y(e.getMinY()), y(e.getMaxY()));
    }

    private static double x(double lon) {
        return lon * WORLD / 180;
    }

    private static double y(double lat) {
        double l = Math.max(-85.0511, Math.min(85.0511, lat));
        return Math.log(Math.tan((90 + l) * Math.PI / 360)) * WORLD / Math.PI;
    }

    static Envelope withBuffer(TileCoord t) {
        double[] b = t.mercatorBounds();
        double m = (b[2] - b[0]) * 64 / 4096.0;
        return new Envelope(b[0] - m, b[2] + m, b[1] - m, b[3] + m);
    }

    /** True for failures that mean "the database is not answering (in time)" rather than "the query is wrong". */
    public static boolean isUnavailable(SQLException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLTransientConnectionException) {
                return true;
            }
            if (t instanceof SQLException s && s.getSQLState() != null) {
                String state = s.getSQLState();
                if (state.startsWith("08") || state.equals("57P01") || state.equals("57P02") || state.equals("57P03")
                        || state.equals("53300") || state.equals("57014")) {
                    return true;
                }
            }
        }
        return false;
    }

    static String etag(byte[] bytes) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(bytes);
            return '"' + HexFormat.of().formatHex(d, 0, 16) + '"';
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
