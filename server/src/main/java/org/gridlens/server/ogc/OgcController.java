package org.gridlens.server.ogc;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.javalin.http.BadRequestResponse;
import io.javalin.http.Context;
import io.javalin.http.NotFoundResponse;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.gridlens.geodata.exporting.ExportLayer;
import org.gridlens.geodata.exporting.ExportQuery;
import org.gridlens.geodata.exporting.LayerExporter;
import org.gridlens.server.layers.BaseUrl;

/**
 * OGC API – Features Part 1 (OGC 17-069r4) over {@link ExportLayer}: the public layers only; residents,
 * housing units and addresses are never published. Conformance classes: core, geojson, oas30, plus
 * OGC API – Tiles ({@link OgcTilesController}) on the same landing page and collections: feature
 * collections (plural ids, e.g. {@code buildings}) and tile layers (catalog ids, e.g. {@code building});
 * a feature collection links to the vector tilesets of the tile layer over the same table. Tile layers
 * the caller may not read are neither listed nor linked.
 *
 * <p>Items: {@code limit} 1..{@value #MAX_LIMIT} (default {@value #DEFAULT_LIMIT}), {@code offset}
 * (paging by the next/prev links), {@code bbox} (WGS84 lon/lat), {@code datetime} (instant or interval
 * with {@code ..}; layers without time ignore it, as the standard allows). Features are ordered by id.
 */
public final class OgcController {

    static final int DEFAULT_LIMIT = 10;
    static final int MAX_LIMIT = 10_000;
    private static final String GEOJSON = "application/geo+json";
    private static final JsonFactory JSON = new JsonFactory();
    private static final com.fasterxml.jackson.databind.ObjectMapper MAPPER = new com.fasterxml.jackson.databind.ObjectMapper();
    private static final List<String> CONFORMANCE = List.of(
            "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/core",
            "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/geojson",
            "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/oas30");

    private final LayerExporter exporter;
    private final OgcTilesController tiles;

    public OgcController(LayerExporter exporter, OgcTilesController tiles) {
        this.exporter = exporter;
        this.tiles = tiles;
    }

    static Map<String, Object> link(String href, String rel, String type, String title) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("href", href);
        m.put("rel", rel);
        m.put("type", type);
        m.put("title", title);
        return m;
    }

    public void landing(Context ctx) {
        String base = BaseUrl.of(ctx) + "/ogc";
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("title", "GridLens shared public database (Chengdong District)");
        body.put("description", "Public layers of the district's shared database as OGC API – Features, and the map layers"
                + " as OGC API – Tiles (vector tiles)");
        body.put("links", List.of(
                link(base, "self", "application/json", "this document"),
                link(base + "/api", "service-desc", "application/vnd.oai.openapi+json;version=3.0", "the API definition"),
                link(base + "/conformance", "conformance", "application/json", "conformance classes"),
                link(base + "/collections", "data", "application/json", "the collections"),
                link(base + "/tileMatrixSets", "http://www.opengis.net/def/rel/ogc/1.0/tiling-schemes", "application/json",
                        "the tile matrix sets")));
        ctx.json(body);
    }

    public void conformance(Context ctx) {
        List<String> all = new ArrayList<>(CONFORMANCE);
        all.addAll(OgcTilesController.CONFORMANCE);
        ctx.json(Map.of("conformsTo", all));
    }

    public void collections(Context ctx) {
        String base = BaseUrl.of(ctx) + "/ogc";
        List<Object> cols = new ArrayList<>();
        for (ExportLayer l : ExportLayer.values()) {
            cols.add(collection(ctx, base, l));
        }
        for (org.gridlens.tiles.layer.LayerDefinition d : tiles.readableLayers(ctx)) {
            cols.add(tiles.collection(ctx, d));
        }
        ctx.json(Map.of("links", List.of(link(base + "/collections", "self", "application/json", "collections")),
                "collections", cols));
    }

    /** {@code GET /ogc/collections/{collectionId}}: a feature collection or a tile layer. */
    public void collection(Context ctx) {
        String id = ctx.pathParam("collectionId");
        if (ExportLayer.find(id).filter(l -> l.id().equals(id)).isEmpty() && tiles.readableLayer(ctx, id).isEmpty()) {
            // a tile layer the caller may not read answers as its tiles would (401/403); unknown ids 404
            ctx.json(tiles.collection(ctx, tiles.readable(ctx)));
            return;
        }
        ExportLayer.find(id).filter(l -> l.id().equals(id)).ifPresentOrElse(
                l -> ctx.json(collection(ctx, BaseUrl.of(ctx) + "/ogc", l)),
                () -> ctx.json(tiles.collection(ctx, tiles.readableLayer(ctx, id).orElseThrow())));
    }

    private Map<String, Object> collection(Context ctx, String base, ExportLayer l) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", l.id());
        m.put("title", l.title());
        m.put("itemType", "feature");
        m.put("crs", List.of("http://www.opengis.net/def/crs/OGC/1.3/CRS84"));
        m.put("extent", tiles.extent());
        List<Map<String, Object>> links = new ArrayList<>(List.of(
                link(base + "/collections/" + l.id(), "self", "application/json", l.id()),
                link(base + "/collections/" + l.id() + "/items", "items", GEOJSON, l.id() + " features")));
        tiles.readableLayer(ctx, l.table()).ifPresent(d -> links.add(tiles.tilesLink(ctx, d)));
        m.put("links", links);
        return m;
    }

    public void items(Context ctx) throws SQLException, IOException {
        ExportLayer layer = layer(ctx);
        int limit = integer(ctx, "limit", DEFAULT_LIMIT, 1, MAX_LIMIT);
        long offset = integer(ctx, "offset", 0, 0, Integer.MAX_VALUE);
        double[] bbox = bbox(ctx.queryParam("bbox"));
        OffsetDateTime[] window = datetime(ctx.queryParam("datetime"));
        ExportQuery q;
        try {
            q = new ExportQuery(layer, null, window[0], window[1], bbox, null, limit, offset);
        } catch (IllegalArgumentException e) {
            throw new BadRequestResponse(e.getMessage());
        }
        long matched = exporter.count(q);
        String self = BaseUrl.of(ctx) + "/ogc/collections/" + layer.id() + "/items";
        String keep = keptParams(ctx);
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        try (JsonGenerator g = JSON.createGenerator(buf, JsonEncoding.UTF8)) {
            g.writeStartObject();
            g.writeStringField("type", "FeatureCollection");
            g.writeArrayFieldStart("features");
            long returned = exporter.writeFeatures(q, g);
            g.writeEndArray();
            g.writeNumberField("numberMatched", matched);
            g.writeNumberField("numberReturned", returned);
            g.writeStringField("timeStamp", OffsetDateTime.now().toString());
            g.writeArrayFieldStart("links");
            writeLink(g, self + "?limit=" + limit + "&offset=" + offset + keep, "self");
            if (offset + returned < matched) {
                writeLink(g, self + "?limit=" + limit + "&offset=" + (offset + limit) + keep, "next");
            }
            if (offset > 0) {
                writeLink(g, self + "?limit=" + limit + "&offset=" + Math.max(0, offset - limit) + keep, "prev");
            }
            g.writeEndArray();
            g.writeEndObject();
        }
        ctx.contentType(GEOJSON).result(buf.toByteArray());
    }

    public void item(Context ctx) throws SQLException, IOException {
        ExportLayer layer = layer(ctx);
        long fid;
        try {
            fid = Long.parseLong(ctx.pathParam("fid"));
        } catch (NumberFormatException e) {
            throw new NotFoundResponse("no such feature; feature ids are whole numbers");
        }
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        long n;
        try (JsonGenerator g = JSON.createGenerator(buf, JsonEncoding.UTF8)) {
            n = exporter.writeFeatures(new ExportQuery(layer, null, null, null, null, fid, 1, 0), g);
        }
        if (n == 0) {
            throw new NotFoundResponse("no feature " + fid + " in " + layer.id());
        }
        ctx.contentType(GEOJSON).result(buf.toByteArray());
    }

    public void api(Context ctx) {
        Map<String, Object> paths = new LinkedHashMap<>();
        paths.put("/", op("landing page", List.of()));
        paths.put("/conformance", op("conformance classes", List.of()));
        paths.put("/collections", op("feature collections", List.of()));
        paths.put("/collections/{collectionId}", op("one collection", List.of(pathParam("collectionId"))));
        paths.put("/collections/{collectionId}/items", op("features", List.of(pathParam("collectionId"),
                query("limit", "integer"), query("offset", "integer"), query("bbox", "string"), query("datetime", "string"))));
        paths.put("/collections/{collectionId}/items/{featureId}", op("one feature",
                List.of(pathParam("collectionId"), pathParam("featureId"))));
        paths.put("/tileMatrixSets", op("tile matrix sets", List.of()));
        paths.put("/tileMatrixSets/{tileMatrixSetId}", op("one tile matrix set", List.of(pathParam("tileMatrixSetId"))));
        paths.put("/collections/{collectionId}/tiles", op("vector tilesets of a collection", List.of(pathParam("collectionId"))));
        paths.put("/collections/{collectionId}/tiles/{tileMatrixSetId}", op("tileset metadata",
                List.of(pathParam("collectionId"), pathParam("tileMatrixSetId"))));
        paths.put("/collections/{collectionId}/tiles/{tileMatrixSetId}/{tileMatrix}/{tileRow}/{tileCol}", op("a vector tile (MVT)",
                List.of(pathParam("collectionId"), pathParam("tileMatrixSetId"), pathParam("tileMatrix"), pathParam("tileRow"),
                        pathParam("tileCol"))));
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("openapi", "3.0.3");
        doc.put("info", Map.of("title", "GridLens OGC API – Features and Tiles", "version", "1.0.0"));
        doc.put("servers", List.of(Map.of("url", BaseUrl.of(ctx) + "/ogc")));
        doc.put("paths", paths);
        try {
            ctx.contentType("application/vnd.oai.openapi+json;version=3.0").result(MAPPER.writeValueAsBytes(doc));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Map<String, Object> op(String summary, List<Object> params) {
        return Map.of("get", Map.of("summary", summary, "parameters", params,
                "responses", Map.of("200", Map.of("description", summary))));
    }

    private static Map<String, Object> pathParam(String name) {
        return Map.of("name", name, "in", "path", "required", true, "schema", Map.of("type", "string"));
    }

    private static Map<String, Object> query(String name, String type) {
        return Map.of("name", name, "in", "query", "required", false, "schema", Map.of("type", type));
    }

    private static void writeLink(JsonGenerator g, String href, String rel) throws IOException {
        g.writeStartObject();
        g.writeStringField("href", href);
        g.writeStringField("rel", rel);
        g.writeStringField("type", GEOJSON);
        g.writeEndObject();
    }

    private static String keptParams(Context ctx) {
        StringBuilder sb = new StringBuilder();
        for (String p : List.of("bbox", "datetime")) {
            String v = ctx.queryParam(p);
            if (v != null) {
                sb.append('&').append(p).append('=').append(java.net.URLEncoder.encode(v, java.nio.charset.StandardCharsets.UTF_8));
            }
        }
        return sb.toString();
    }

    private static ExportLayer layer(Context ctx) {
        String id = ctx.pathParam("collectionId");
        return ExportLayer.find(id).filter(l -> l.id().equals(id))
                .orElseThrow(() -> new NotFoundResponse(id.matches("[a-z0-9_]{1,40}")
                        ? "no collection '" + id + "'; see /ogc/collections" : "no such collection; see /ogc/collections"));
    }

    private static int integer(Context ctx, String name, int dflt, int min, int max) {
        String v = ctx.queryParam(name);
        if (v == null) {
            return dflt;
        }
        try {
            int n = Integer.parseInt(v);
            if (n < min || n > max) {
                throw new BadRequestResponse(name + " must be between " + min + " and " + max);
            }
            return n;
        } catch (NumberFormatException e) {
            throw new BadRequestResponse(name + " must be a whole number");
        }
    }

    static double[] bbox(String v) {
        if (v == null) {
            return null;
        }
        String[] p = v.split(",");
        if (p.length != 4) {
            throw new BadRequestResponse("bbox is minLon,minLat,maxLon,maxLat");
        }
        double[] d = new double[4];
        try {
            for (int i = 0; i < 4; i++) {
                d[i] = Double.parseDouble(p[i].trim());
            }
        } catch (NumberFormatException e) {
            throw new BadRequestResponse("bbox holds a non-number");
        }
        if (!(d[0] <= d[2] && d[1] <= d[3] && d[0] >= -180 && d[2] <= 180 && d[1] >= -90 && d[3] <= 90)) {
            throw new BadRequestResponse("bbox must be minLon,minLat,maxLon,maxLat within the world");
        }
        return d;
    }

    static OffsetDateTime[] datetime(String v) {
        if (v == null || v.isBlank()) {
            return new OffsetDateTime[2];
        }
        try {
            if (!v.contains("/")) {
                OffsetDateTime t = OffsetDateTime.parse(v);
                return new OffsetDateTime[] {t, t.plusNanos(1000)};
            }
            String[] p = v.split("/", -1);
            if (p.length != 2) {
                throw new BadRequestResponse("datetime is an instant or start/end (.. for open)");
            }
            return new OffsetDateTime[] {open(p[0]) ? null : OffsetDateTime.parse(p[0]), open(p[1]) ? null : OffsetDateTime.parse(p[1])};
        } catch (DateTimeParseException e) {
            throw new BadRequestResponse("datetime must be RFC 3339, e.g. 2026-05-01T00:00:00Z/..");
        }
    }

    private static boolean open(String s) {
        return s.isEmpty() || s.equals("..");
    }
}
