package org.gridlens.server.layers;

import io.javalin.http.BadRequestResponse;
import io.javalin.http.Context;
import io.javalin.http.NotFoundResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.gridlens.tiles.TileCoord;
import org.gridlens.tiles.layer.LayerCatalog;
import org.gridlens.tiles.layer.LayerDefinition;
import org.gridlens.tiles.layer.LayerField;
import org.gridlens.tiles.render.TileRenderer;

/**
 * The layer catalog and vector tiles.
 *
 * <p>Every path segment is validated before any database work: layer ids against the catalog (at most
 * {@value #MAX_LAYERS_PER_TILE} per composite, no repeats), z/x/y by {@link TileCoord#parse}.
 */
public final class LayerController {

    public static final int MAX_LAYERS_PER_TILE = 16;
    /**
     * Layers anyone may read without credentials (the shared public map data); every other layer
     * needs a signed-in reader. Residents are never published as features, only as suppressed aggregates.
     */
    static final java.util.Set<String> PUBLIC_LAYERS = java.util.Set.of(
            "district", "subdistrict", "community", "grid", "cells", "parcels", "buildings", "facilities", "components");
    public static final String MVT = "application/vnd.mapbox-vector-tile";

    private final LayerCatalog catalog;
    private final TileRenderer renderer;

    public LayerController(LayerCatalog catalog, TileRenderer renderer) {
        this.catalog = catalog;
        this.renderer = renderer;
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
            m.put("tiles", base + "/tiles/" + d.id() + "/{z}/{x}/{y}.mvt");
            Map<String, Object> fields = new LinkedHashMap<>();
            for (LayerField f : d.fields()) {
                fields.put(f.name(), Map.of("type", f.type(), "description", f.description()));
            }
            m.put("fields", fields);
            out.add(m);
        }
        ctx.json(Map.of("layers", out));
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
        byte[] bytes = renderer.render(layers, tile);
        ctx.header("Cache-Control", "public, max-age=60");
        ctx.contentType(MVT).result(bytes);
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
