package org.gridlens.server.ogc;

import io.javalin.http.Context;
import io.javalin.http.NotFoundResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.gridlens.geodata.security.Principal;
import org.gridlens.server.layers.BaseUrl;
import org.gridlens.server.layers.LayerController;
import org.gridlens.server.security.AccessManager;
import org.gridlens.tiles.layer.LayerCatalog;
import org.gridlens.tiles.layer.LayerDefinition;
import org.gridlens.tiles.ogc.TilesetDescriber;
import org.gridlens.tiles.ogc.WebMercatorQuad;
import org.gridlens.tiles.tilejson.DistrictExtent;
import org.locationtech.jts.geom.Envelope;

/**
 * OGC API – Tiles 1.0 (OGC 20-057) over the tile layer catalog, beside OGC API – Features under
 * {@code /ogc}: conformance classes core, tileset, tilesets-list, geodata-tilesets and mvt, one tile
 * matrix set (WebMercatorQuad). Every catalog layer is a collection with one vector tileset; its tiles
 * are the XYZ tiles ({@code {tileMatrix}/{tileRow}/{tileCol}} = {@code z/y/x}) served by
 * {@link LayerController} with the same access rules (reader layers need a signed-in reader, personal
 * ones a person-level role, and are audited), the same filters, cache, ETag and gzip.
 *
 * <p>A layer the caller may not read is not listed; asking for it directly answers as its tiles would
 * (401 without credentials, 403 with).
 */
public final class OgcTilesController {

    public static final List<String> CONFORMANCE = List.of(
            "http://www.opengis.net/spec/ogcapi-tiles-1/1.0/conf/core",
            "http://www.opengis.net/spec/ogcapi-tiles-1/1.0/conf/tileset",
            "http://www.opengis.net/spec/ogcapi-tiles-1/1.0/conf/tilesets-list",
            "http://www.opengis.net/spec/ogcapi-tiles-1/1.0/conf/geodata-tilesets",
            "http://www.opengis.net/spec/ogcapi-tiles-1/1.0/conf/mvt",
            "http://www.opengis.net/spec/tms/2.0/conf/tilematrixset",
            "http://www.opengis.net/spec/tms/2.0/conf/json-tilematrixset");

    private final LayerCatalog catalog;
    private final LayerController layers;
    private final DistrictExtent extent;

    public OgcTilesController(LayerCatalog catalog, LayerController layers, DistrictExtent extent) {
        this.catalog = catalog;
        this.layers = layers;
        this.extent = extent;
    }

    static String base(Context ctx) {
        return BaseUrl.of(ctx) + "/ogc";
    }

    /** {@code GET /ogc/tileMatrixSets}. */
    public void tileMatrixSets(Context ctx) {
        String href = base(ctx) + "/tileMatrixSets/" + WebMercatorQuad.ID;
        Map<String, Object> tms = new LinkedHashMap<>();
        tms.put("id", WebMercatorQuad.ID);
        tms.put("title", "Google Maps Compatible for the World");
        tms.put("uri", WebMercatorQuad.URI);
        tms.put("links", List.of(OgcController.link(href, "self", "application/json", WebMercatorQuad.ID)));
        ctx.json(Map.of("tileMatrixSets", List.of(tms)));
    }

    /** {@code GET /ogc/tileMatrixSets/{tileMatrixSetId}}. */
    public void tileMatrixSet(Context ctx) {
        requireWebMercatorQuad(ctx.pathParam("tileMatrixSetId"));
        ctx.json(WebMercatorQuad.definition());
    }

    /** {@code GET /ogc/collections/{collectionId}/tiles}. */
    public void tilesets(Context ctx) {
        ctx.json(TilesetDescriber.tilesets(base(ctx), readable(ctx)));
    }

    /** {@code GET /ogc/collections/{collectionId}/tiles/{tileMatrixSetId}}. */
    public void tileset(Context ctx) {
        LayerDefinition layer = readable(ctx);
        requireWebMercatorQuad(ctx.pathParam("tileMatrixSetId"));
        ctx.json(TilesetDescriber.tileset(base(ctx), layer, extent.get()));
    }

    /** {@code GET /ogc/collections/{collectionId}/tiles/{tileMatrixSetId}/{tileMatrix}/{tileRow}/{tileCol}}. */
    public void tile(Context ctx) throws Exception {
        layer(ctx.pathParam("collectionId"));
        requireWebMercatorQuad(ctx.pathParam("tileMatrixSetId"));
        layers.ogcTile(ctx, ctx.pathParam("collectionId"), ctx.pathParam("tileMatrix"), ctx.pathParam("tileRow"),
                ctx.pathParam("tileCol"));
    }

    /** The tile layers the caller may read, as collections, for {@code /ogc/collections}. */
    List<LayerDefinition> readableLayers(Context ctx) {
        Optional<Principal> caller = AccessManager.principal(ctx);
        return catalog.all().stream().filter(d -> LayerController.mayRead(caller, d)).toList();
    }

    /** The tile layer of this id if there is one and the caller may read it. */
    Optional<LayerDefinition> readableLayer(Context ctx, String id) {
        return catalog.find(id).filter(d -> LayerController.mayRead(AccessManager.principal(ctx), d));
    }

    /** The tile layer named by the path, refused as its tiles would be when the caller may not read it. */
    LayerDefinition readable(Context ctx) {
        LayerDefinition d = layer(ctx.pathParam("collectionId"));
        LayerController.requireAccess(ctx, List.of(d));
        return d;
    }

    /** A collection document for a tile layer: extent, self link and the link to its vector tilesets. */
    Map<String, Object> collection(Context ctx, LayerDefinition d) {
        String base = base(ctx);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", d.id());
        m.put("title", d.title());
        m.put("description", d.description());
        m.put("extent", extent(extent.get()));
        m.put("dataType", "vector");
        List<Map<String, Object>> links = new ArrayList<>();
        links.add(OgcController.link(base + "/collections/" + d.id(), "self", "application/json", d.id()));
        links.add(OgcController.link(TilesetDescriber.tilesUrl(base, d), TilesetDescriber.REL_TILESETS_VECTOR, "application/json",
                "vector tilesets of " + d.id()));
        m.put("links", links);
        return m;
    }

    /** The link to a layer's tilesets, for a feature collection of the same id. */
    Map<String, Object> tilesLink(Context ctx, LayerDefinition d) {
        return OgcController.link(TilesetDescriber.tilesUrl(base(ctx), d), TilesetDescriber.REL_TILESETS_VECTOR, "application/json",
                "vector tilesets of " + d.id());
    }

    /** The district's extent as an OGC API collection extent (CRS84); the world while none is loaded. */
    Map<String, Object> extent() {
        return extent(extent.get());
    }

    private static Map<String, Object> extent(Optional<Envelope> e) {
        Envelope b = e.orElse(TilesetDescriber.WORLD);
        return Map.of("spatial", Map.of("bbox", List.of(List.of(b.getMinX(), b.getMinY(), b.getMaxX(), b.getMaxY())),
                "crs", "http://www.opengis.net/def/crs/OGC/1.3/CRS84"));
    }

    private LayerDefinition layer(String id) {
        return catalog.find(id).orElseThrow(() -> new NotFoundResponse(id.matches("[a-z0-9_]{1,40}")
                ? "no tiled collection '" + id + "'; see /ogc/collections" : "no such collection; see /ogc/collections"));
    }

    private static void requireWebMercatorQuad(String id) {
        if (!WebMercatorQuad.ID.equals(id)) {
            throw new NotFoundResponse("the only tile matrix set is " + WebMercatorQuad.ID);
        }
    }
}
