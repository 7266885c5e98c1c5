package org.gridlens.server.layers;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.http.HttpURI;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.gridlens.server.security.SecurityHeaders;
import org.gridlens.tiles.TileCoord;
import org.gridlens.tiles.cache.TileResult;
import org.gridlens.tiles.cache.TileService;
import org.gridlens.tiles.filter.TileFilter;
import org.gridlens.tiles.layer.LayerAccess;
import org.gridlens.tiles.layer.LayerCatalog;
import org.gridlens.tiles.layer.LayerDefinition;
import org.gridlens.tiles.render.TileRequest;

/**
 * Answers anonymous requests for cached tiles of public layers straight from Jetty, before Javalin's
 * servlet machinery, which costs more than the rest of such a request (measured: a bare Javalin route
 * serves the same bytes at about half the rate of a bare Jetty handler).
 *
 * <p>It answers only what the full route would answer identically and without any work: a GET of
 * {@code /tiles/{layers}/{z}/{x}/{y}.mvt} without query string, credentials (Authorization header,
 * cookie) or Origin header, naming only {@link LayerAccess#PUBLIC} layers, whose tile is in the cache.
 * Everything else — a miss, a filter, a signed-in caller, a cross-origin request, anything malformed —
 * falls through to the route, which validates, authorises, renders and answers errors. Responses carry
 * the same headers as the route's ({@link TileResponse}, {@link SecurityHeaders}) and are timed into the
 * same request metric. Limit: the per-client request rate is not applied to these answers (like a
 * static file server's), since serving them costs no database work.
 */
final class CachedTileFastPath extends Handler.Wrapper {

    private static final String ROUTE = "/tiles/{layers}/{z}/{x}/{y}";
    private final LayerCatalog catalog;
    private final TileService tiles;
    private final Timer ok;
    private final Timer notModified;

    CachedTileFastPath(LayerCatalog catalog, TileService tiles, MeterRegistry metrics) {
        this.catalog = catalog;
        this.tiles = tiles;
        this.ok = timer(metrics, "200");
        this.notModified = timer(metrics, "304");
    }

    private static Timer timer(MeterRegistry metrics, String status) {
        return Timer.builder("http.server.requests").tag("method", "GET").tag("route", ROUTE).tag("status", status)
                .register(metrics);
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        long t0 = System.nanoTime();
        TileResult hit = cachedPublicTile(request);
        if (hit == null) {
            return super.handle(request, response, callback);
        }
        HttpFields.Mutable out = response.getHeaders();
        SecurityHeaders.ALL.forEach(out::put);
        HttpFields in = request.getHeaders();
        List<LayerDefinition> layers = layersOf(request);
        byte[] body = TileResponse.write(hit, layers, in.get(HttpHeader.IF_NONE_MATCH), in.get(HttpHeader.ACCEPT_ENCODING), out::put);
        if (body == null) {
            response.setStatus(HttpStatus.NOT_MODIFIED_304);
            response.write(true, null, callback);
            notModified.record(System.nanoTime() - t0, TimeUnit.NANOSECONDS);
        } else {
            out.put(HttpHeader.CONTENT_LENGTH, body.length);
            response.write(true, ByteBuffer.wrap(body), callback);
            ok.record(System.nanoTime() - t0, TimeUnit.NANOSECONDS);
        }
        return true;
    }

    /** The cached tile this request may be answered with here, or null to let the route answer. */
    private TileResult cachedPublicTile(Request request) {
        if (!HttpMethod.GET.is(request.getMethod())) {
            return null;
        }
        HttpURI uri = request.getHttpURI();
        if (uri.getQuery() != null || uri.hasViolations()) {
            return null;
        }
        HttpFields in = request.getHeaders();
        if (in.contains(HttpHeader.AUTHORIZATION) || in.contains(HttpHeader.COOKIE) || in.contains(HttpHeader.ORIGIN)) {
            return null;
        }
        List<LayerDefinition> layers = layersOf(request);
        if (layers == null) {
            return null;
        }
        String[] zxy = zxy(uri.getPath());
        TileCoord tile;
        try {
            tile = TileCoord.parse(zxy[0], zxy[1], zxy[2]);
        } catch (IllegalArgumentException e) {
            return null;
        }
        return tiles.cached(new TileRequest(layers, tile, TileFilter.NONE));
    }

    /** The public layers named by a well-formed tile path, or null. */
    private List<LayerDefinition> layersOf(Request request) {
        String path = request.getHttpURI().getPath();
        if (path == null || !path.startsWith("/tiles/") || !path.endsWith(".mvt") || zxy(path) == null) {
            return null;
        }
        String names = path.substring(7, path.indexOf('/', 7));
        String[] ids = names.split(",", -1);
        if (ids.length > LayerController.MAX_LAYERS_PER_TILE) {
            return null;
        }
        List<LayerDefinition> out = new ArrayList<>(ids.length);
        for (String id : ids) {
            LayerDefinition d = catalog.find(id).orElse(null);
            if (d == null || d.access() != LayerAccess.PUBLIC || out.contains(d)) {
                return null;
            }
            out.add(d);
        }
        return out;
    }

    /** {z, x, y} of {@code /tiles/layers/z/x/y.mvt}, or null when the path has another shape. */
    private static String[] zxy(String path) {
        int layersEnd = path.indexOf('/', 7);
        if (layersEnd < 0) {
            return null;
        }
        String[] parts = path.substring(layersEnd + 1, path.length() - 4).split("/", -1);
        return parts.length == 3 ? parts : null;
    }
}
