package org.gridlens.server.layers;

import io.javalin.http.BadRequestResponse;
import io.javalin.http.Context;
import io.javalin.http.ForbiddenResponse;
import io.javalin.http.NotFoundResponse;
import io.javalin.http.UnauthorizedResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.gridlens.geodata.security.AuditLog;
import org.gridlens.geodata.security.Principal;
import org.gridlens.geodata.security.Role;
import org.gridlens.server.http.ApiErrors;
import org.gridlens.server.security.AccessManager;
import org.gridlens.tiles.TileCoord;
import org.gridlens.tiles.cache.TileBusyException;
import org.gridlens.tiles.cache.TileResult;
import org.gridlens.tiles.cache.TileService;
import org.gridlens.tiles.filter.TileFilter;
import org.gridlens.tiles.filter.TileFilterParser;
import org.gridlens.tiles.layer.LayerAccess;
import org.gridlens.tiles.layer.LayerCatalog;
import org.gridlens.tiles.layer.LayerDefinition;
import org.gridlens.tiles.layer.LayerField;
import org.gridlens.tiles.render.TileRequest;
import org.gridlens.tiles.tilejson.DistrictExtent;
import org.gridlens.tiles.tilejson.TileJsonBuilder;

/**
 * The layer catalog, vector tiles and their TileJSON.
 *
 * <p>Every input is validated before any database work: layer ids against the catalog (at most
 * {@value #MAX_LAYERS_PER_TILE} per composite, no repeats), z/x/y by {@link TileCoord#parse}, query
 * parameters by {@link TileFilterParser} (unknown parameters are refused, so no request can reach a
 * rendering the cache key does not describe). Tiles carry a strong ETag ({@code If-None-Match} gives
 * 304), are sent gzip-compressed when the client accepts it, and say in headers when they were
 * generalised to fit the size budget ({@code X-GridLens-Generalised}) or served stale while the
 * database failed ({@code X-GridLens-Stale: true}).
 */
public final class LayerController {

    public static final int MAX_LAYERS_PER_TILE = 16;
    public static final String MVT = TileResponse.MVT;

    private final LayerCatalog catalog;
    private final TileService tiles;
    private final TileFilterParser filters;
    private final DistrictExtent extent;
    private final AuditLog audit;

    public LayerController(LayerCatalog catalog, TileService tiles, TileFilterParser filters, DistrictExtent extent,
                           AuditLog audit) {
        this.catalog = catalog;
        this.tiles = tiles;
        this.filters = filters;
        this.extent = extent;
        this.audit = audit;
    }

    /** A Jetty handler answering cached public tiles for anonymous clients ahead of the route. */
    public org.eclipse.jetty.server.Handler.Singleton fastPath(io.micrometer.core.instrument.MeterRegistry metrics) {
        return new CachedTileFastPath(catalog, tiles, metrics);
    }

    /** {@code GET /api/layers}. */
    public void list(Context ctx) {
        List<Map<String, Object>> out = new ArrayList<>();
        String base = BaseUrl.of(ctx);
        Optional<Principal> caller = AccessManager.principal(ctx);
        for (LayerDefinition d : catalog.all()) {
            if (!mayRead(caller, d)) {
                continue; // a layer the caller may not read is not even named to it
            }
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("id", d.id());
            m.put("title", d.title());
            m.put("description", d.description());
            m.put("geometryType", d.geometryType());
            m.put("access", d.access().name().toLowerCase(java.util.Locale.ROOT));
            m.put("minzoom", d.minZoom());
            m.put("maxzoom", d.maxZoom());
            m.put("filters", d.filtered() ? List.copyOf(new java.util.TreeSet<>(TileFilterParser.PARAMETERS)) : List.of());
            m.put("tiles", base + "/tiles/" + d.id() + "/{z}/{x}/{y}.mvt");
            m.put("tilejson", base + "/tiles/" + d.id() + ".json");
            Map<String, Object> fields = new LinkedHashMap<>();
            for (LayerField f : d.fields()) {
                fields.put(f.name(), Map.of("type", f.type(), "description", f.description()));
            }
            m.put("fields", fields);
            out.add(m);
        }
        ctx.json(Map.of("layers", out));
    }

    /** {@code GET /tiles/{layers}.json}: TileJSON 3.0.0. */
    public void tileJson(Context ctx) {
        String param = ctx.pathParam("layers");
        if (!param.endsWith(".json")) {
            throw new NotFoundResponse("TileJSON is at /tiles/{layers}.json");
        }
        TileFilter filter = filter(ctx);
        List<LayerDefinition> layers = layers(param.substring(0, param.length() - 5));
        requireAccess(ctx, layers);
        ctx.header("Cache-Control", TileResponse.cacheControl(layers, "max-age=60"));
        ctx.json(TileJsonBuilder.build(BaseUrl.of(ctx), layers, filter, extent.get()));
    }

    /** {@code GET /tiles/{layers}/{z}/{x}/{y}.mvt}. */
    public void tile(Context ctx) throws Exception {
        List<LayerDefinition> layers = layers(ctx.pathParam("layers"));
        requireAccess(ctx, layers);
        String last = ctx.pathParam("y");
        if (!last.endsWith(".mvt")) {
            throw new NotFoundResponse("tiles end in .mvt");
        }
        serve(ctx, layers, coordinates(ctx.pathParam("z"), ctx.pathParam("x"), last.substring(0, last.length() - 4)), filter(ctx));
    }

    /**
     * An OGC API – Tiles tile of one layer in WebMercatorQuad: the XYZ tile {@code tileMatrix/tileCol/tileRow}
     * with the same access rules, filters, cache and headers as {@link #tile}. The OGC format parameter
     * {@code f=mvt} is accepted (it names the only format).
     */
    public void ogcTile(Context ctx, String layerId, String tileMatrix, String tileRow, String tileCol) throws Exception {
        if (layerId.contains(",")) {
            throw new NotFoundResponse("an OGC collection is one layer");
        }
        List<LayerDefinition> layers = layers(layerId);
        requireAccess(ctx, layers);
        Map<String, List<String>> query = new LinkedHashMap<>(ctx.queryParamMap());
        List<String> f = query.remove("f");
        if (f != null && !f.equals(List.of("mvt"))) {
            throw new BadRequestResponse("f: the only tile format is mvt");
        }
        TileFilter filter;
        try {
            filter = filters.parse(query);
        } catch (IllegalArgumentException e) {
            throw new BadRequestResponse("bad filter: " + e.getMessage());
        }
        serve(ctx, layers, coordinates(tileMatrix, tileCol, tileRow), filter);
    }

    private static TileCoord coordinates(String z, String x, String y) {
        try {
            return TileCoord.parse(z, x, y);
        } catch (IllegalArgumentException e) {
            throw new BadRequestResponse("bad tile coordinates: " + e.getMessage());
        }
    }

    private void serve(Context ctx, List<LayerDefinition> layers, TileCoord tile, TileFilter filter) throws Exception {
        TileResult r;
        try {
            r = tiles.tile(new TileRequest(layers, tile, filter));
        } catch (TileBusyException e) {
            ApiErrors.unavailable(ctx, e.getMessage());
            return;
        }
        if (layers.stream().anyMatch(l -> l.access() == LayerAccess.PERSONAL)) {
            Principal p = AccessManager.principal(ctx).orElseThrow();
            audit.record(p.name(), "read.personal", "tiles/" + layers.stream().map(LayerDefinition::id).collect(
                    java.util.stream.Collectors.joining(",")) + "/" + tile, "ok", ctx.ip(),
                    Map.of("layers", layers.stream().map(LayerDefinition::id).toList()));
        }
        byte[] body = TileResponse.write(r, layers, ctx.header("If-None-Match"), ctx.header("Accept-Encoding"), ctx::header);
        if (body == null) {
            ctx.status(304);
        } else {
            ctx.result(body);
        }
    }

    private TileFilter filter(Context ctx) {
        try {
            return filters.parse(ctx.queryParamMap());
        } catch (IllegalArgumentException e) {
            throw new BadRequestResponse("bad filter: " + e.getMessage());
        }
    }

    /**
     * Refuses a request naming any layer the caller may not read: 401 without credentials, 403 with.
     * Public layers need nothing; reader layers a signed-in role other than intake alone; personal
     * layers a role with person-level access.
     */
    public static void requireAccess(Context ctx, List<LayerDefinition> layers) {
        Optional<Principal> caller = AccessManager.principal(ctx);
        for (LayerDefinition d : layers) {
            if (mayRead(caller, d)) {
                continue;
            }
            if (caller.isEmpty()) {
                ctx.header("WWW-Authenticate", "Bearer realm=\"gridlens\"");
                throw new UnauthorizedResponse("layer " + d.id() + " needs a signed-in reader");
            }
            throw new ForbiddenResponse(d.access() == LayerAccess.PERSONAL
                    ? "layer " + d.id() + " holds person-level data; your role may not read it"
                    : "your role may not read map layers");
        }
    }

    public static boolean mayRead(Optional<Principal> caller, LayerDefinition d) {
        return switch (d.access()) {
            case PUBLIC -> true;
            case READERS -> caller.isPresent() && !caller.get().roles().equals(Set.of(Role.INTAKE));
            case PERSONAL -> caller.isPresent() && caller.get().personLevel();
        };
    }

    private List<LayerDefinition> layers(String param) {
        if (param.length() > MAX_LAYERS_PER_TILE * 32) {
            throw new BadRequestResponse("at most " + MAX_LAYERS_PER_TILE + " layers per tile");
        }
        String[] ids = param.split(",", -1);
        if (ids.length > MAX_LAYERS_PER_TILE) {
            throw new BadRequestResponse("at most " + MAX_LAYERS_PER_TILE + " layers per tile, not " + ids.length);
        }
        List<LayerDefinition> out = new ArrayList<>();
        for (String id : ids) {
            LayerDefinition d = catalog.find(id).orElseThrow(() -> new NotFoundResponse(
                    "unknown layer" + (id.matches("[a-z0-9_]{1,40}") ? " '" + id + "'" : "") + "; see /api/layers"));
            if (out.contains(d)) {
                throw new BadRequestResponse("layer " + id + " is named twice");
            }
            out.add(d);
        }
        return out;
    }
}
