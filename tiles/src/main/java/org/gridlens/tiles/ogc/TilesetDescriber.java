package org.gridlens.tiles.ogc;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.gridlens.tiles.layer.LayerDefinition;
import org.gridlens.tiles.layer.LayerField;
import org.locationtech.jts.geom.Envelope;

/**
 * Describes a catalog layer as an OGC API – Tiles geodata tileset in WebMercatorQuad: the tilesets list
 * of {@code /collections/{id}/tiles} and the tileset metadata of
 * {@code /collections/{id}/tiles/WebMercatorQuad}, with absolute links. The tile template's
 * {@code {tileMatrix}/{tileRow}/{tileCol}} are the XYZ tile's {@code z/y/x}.
 */
public final class TilesetDescriber {

    public static final String MVT = "application/vnd.mapbox-vector-tile";
    public static final String REL_TILING_SCHEME = "http://www.opengis.net/def/rel/ogc/1.0/tiling-scheme";
    public static final String REL_TILESETS_VECTOR = "http://www.opengis.net/def/rel/ogc/1.0/tilesets-vector";
    /** World bounds (WGS84) used while no district is loaded. */
    public static final Envelope WORLD = new Envelope(-180, 180, -85.0511287798066, 85.0511287798066);

    private TilesetDescriber() {
    }

    /** The tiles URL of a collection: {@code {base}/collections/{id}/tiles}. */
    public static String tilesUrl(String ogcBase, LayerDefinition layer) {
        return ogcBase + "/collections/" + layer.id() + "/tiles";
    }

    /** {@code /collections/{id}/tiles}: the one tileset of the layer. */
    public static Map<String, Object> tilesets(String ogcBase, LayerDefinition layer) {
        String tiles = tilesUrl(ogcBase, layer);
        Map<String, Object> ts = new LinkedHashMap<>();
        ts.put("title", layer.title() + " (" + WebMercatorQuad.ID + ")");
        ts.put("dataType", "vector");
        ts.put("crs", WebMercatorQuad.CRS);
        ts.put("tileMatrixSetURI", WebMercatorQuad.URI);
        ts.put("links", List.of(
                link(tiles + "/" + WebMercatorQuad.ID, "self", "application/json", "tileset metadata"),
                link(ogcBase + "/tileMatrixSets/" + WebMercatorQuad.ID, REL_TILING_SCHEME, "application/json", "the tile matrix set")));
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("links", List.of(link(tiles, "self", "application/json", "tilesets of " + layer.id())));
        doc.put("tilesets", List.of(ts));
        return doc;
    }

    /** {@code /collections/{id}/tiles/WebMercatorQuad}: tileset metadata with limits over {@code extent}. */
    public static Map<String, Object> tileset(String ogcBase, LayerDefinition layer, Optional<Envelope> extent) {
        String self = tilesUrl(ogcBase, layer) + "/" + WebMercatorQuad.ID;
        Envelope e = extent.orElse(WORLD);
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("title", layer.title());
        doc.put("description", layer.description());
        doc.put("dataType", "vector");
        doc.put("crs", WebMercatorQuad.CRS);
        doc.put("tileMatrixSetURI", WebMercatorQuad.URI);
        doc.put("tileMatrixSetLimits", WebMercatorQuad.limits(e, layer.minZoom(), layer.maxZoom()));
        doc.put("boundingBox", Map.of("lowerLeft", List.of(e.getMinX(), e.getMinY()), "upperRight", List.of(e.getMaxX(), e.getMaxY()),
                "crs", "http://www.opengis.net/def/crs/OGC/1.3/CRS84"));
        doc.put("centerPoint", Map.of("coordinates", List.of(e.centre().getX(), e.centre().getY()),
                "tileMatrix", Integer.toString(Math.max(layer.minZoom(), Math.min(layer.maxZoom(), 12)))));
        Map<String, Object> props = new LinkedHashMap<>();
        for (LayerField f : layer.fields()) {
            props.put(f.name(), Map.of("type", jsonType(f.type()), "description", f.description()));
        }
        Map<String, Object> l = new LinkedHashMap<>();
        l.put("id", layer.id());
        l.put("title", layer.title());
        l.put("description", layer.description());
        l.put("dataType", "vector");
        l.put("geometryDimension", switch (layer.geometryType()) {
            case "point" -> 0;
            case "line" -> 1;
            default -> 2;
        });
        l.put("minTileMatrix", Integer.toString(layer.minZoom()));
        l.put("maxTileMatrix", Integer.toString(layer.maxZoom()));
        l.put("propertiesSchema", Map.of("type", "object", "properties", props));
        doc.put("layers", List.of(l));
        Map<String, Object> item = link(self + "/{tileMatrix}/{tileRow}/{tileCol}", "item", MVT, "Mapbox Vector Tiles");
        item.put("templated", true);
        doc.put("links", List.of(
                link(self, "self", "application/json", "this tileset"),
                link(ogcBase + "/tileMatrixSets/" + WebMercatorQuad.ID, REL_TILING_SCHEME, "application/json", "the tile matrix set"),
                item));
        return doc;
    }

    static String jsonType(String fieldType) {
        return switch (fieldType) {
            case "number" -> "number";
            case "boolean" -> "boolean";
            default -> "string";
        };
    }

    static Map<String, Object> link(String href, String rel, String type, String title) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("href", href);
        m.put("rel", rel);
        m.put("type", type);
        m.put("title", title);
        return m;
    }
}
