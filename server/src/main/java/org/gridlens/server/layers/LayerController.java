package org.gridlens.server.layers;

import io.javalin.http.BadRequestResponse;
import io.javalin.http.Context;
import io.javalin.http.NotFoundResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.gridlens.server.http.ApiErrors;
import org.gridlens.tiles.TileCoord;
import org.gridlens.tiles.cache.TileBusyException;
import org.gridlens.tiles.cache.TileResult;
import org.gridlens.tiles.cache.TileService;
import org.gridlens.tiles.filter.TileFilter;
import org.gridlens.tiles.filter.TileFilterParser;
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
    /**
     * Layers anyone may read without credentials (the shared public map data); every other layer
     * needs a signed-in reader. Residents are never published as features, only as suppressed aggregates.
     */
    static final java.util.Set<String> PUBLIC_LAYERS = java.util.Set.of(
            "district", "subdistrict", "community", "grid", "unit_cell", "parcel", "building", "facility",
            "facility_area", "component");
    public static final String MVT = "application/vnd.mapbox-vector-tile";

    private final LayerCatalog catalog;
    private final TileService tiles;
    private final TileFilterParser filters;
    private final DistrictExtent extent;

    public LayerController(LayerCatalog catalog, TileService tiles, TileFilterParser filters, DistrictExtent extent) {
        this.catalog = catalog;
        this.tiles = tiles;
        this.filters = filters;
        this.extent = extent;
    }

    /** {@code GET /api/layers}. */
    public void list(Context ctx) {
        List<Map<String, Object>> out = new ArrayList<>();
        String base = BaseUrl.of(ctx);
        for (LayerDefinition d : catalog.all()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("id", d.id());
            m.put("title", d.title());
            m.put("description", d.description());
            m.put("geometryType", d.geometryType());
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
        ctx.header("Cache-Control", "public, max-age=60");
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
        TileCoord tile;
        try {
            tile = TileCoord.parse(ctx.pathParam("z"), ctx.pathParam("x"), last.substring(0, last.length() - 4));
        } catch (IllegalArgumentException e) {
            throw new BadRequestResponse("bad tile coordinates: " + e.getMessage());
        }
        TileFilter filter = filter(ctx);
        TileResult r;
        try {
            r = tiles.tile(new TileRequest(layers, tile, filter));
        } catch (TileBusyException e) {
            ApiErrors.unavailable(ctx, e.getMessage());
            return;
        }
        ctx.header("ETag", r.etag());
        ctx.header("Vary", "Accept-Encoding");
        ctx.header("Cache-Control", r.stale() ? "no-cache" : "public, max-age=" + r.maxAgeSeconds());
        ctx.header("X-GridLens-Cache", r.cacheHit() ? "hit" : r.stale() ? "stale" : "miss");
        if (r.level() > 0) {
            ctx.header("X-GridLens-Generalised", "level=" + r.level());
        }
        if (r.stale()) {
            ctx.header("X-GridLens-Stale", "true");
        }
        String inm = ctx.header("If-None-Match");
        if (inm != null && (inm.equals(r.etag()) || inm.contains(r.etag()) || inm.trim().equals("*"))) {
            ctx.status(304);
            return;
        }
        String ae = ctx.header("Accept-Encoding");
        ctx.contentType(MVT);
        if (ae != null && ae.toLowerCase(java.util.Locale.ROOT).contains("gzip")) {
            ctx.header("Content-Encoding", "gzip");
            ctx.result(r.gzip());
        } else {
            ctx.result(r.bytes());
        }
    }

    private TileFilter filter(Context ctx) {
        try {
            return filters.parse(ctx.queryParamMap());
        } catch (IllegalArgumentException e) {
            throw new BadRequestResponse("bad filter: " + e.getMessage());
        }
    }

    private static void requireAccess(Context ctx, List<LayerDefinition> layers) {
        boolean allPublic = layers.stream().allMatch(l -> PUBLIC_LAYERS.contains(l.id()));
        if (allPublic) {
            return;
        }
        var caller = org.gridlens.server.security.AccessManager.principal(ctx);
        if (caller.isEmpty()) {
            ctx.header("WWW-Authenticate", "Bearer realm=\"gridlens\"");
            throw new io.javalin.http.UnauthorizedResponse("this layer needs a signed-in reader");
        }
        if (caller.get().roles().equals(java.util.Set.of(org.gridlens.geodata.security.Role.INTAKE))) {
            throw new io.javalin.http.ForbiddenResponse("your role may not read map layers");
        }
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
