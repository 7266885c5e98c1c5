package org.gridlens.tiles.ogc;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.gridlens.tiles.TileCoord;
import org.locationtech.jts.geom.Envelope;

/**
 * The one tile matrix set GridLens serves, OGC's WebMercatorQuad (EPSG:3857, 256-pixel tiles, tile
 * matrix {@code z} = zoom {@code z}, tile row = XYZ {@code y}, tile column = XYZ {@code x}), so an OGC
 * tile is byte for byte the XYZ tile of the same address.
 *
 * <p>The definition follows OGC Two Dimensional Tile Matrix Set 2.0 (JSON encoding) and also carries the
 * 1.0 member names ({@code identifier}, {@code supportedCRS}, {@code topLeftCorner},
 * {@code lowerCorner}/{@code upperCorner}) that older clients read — GDAL 3.6's OGCAPI driver (Debian 12)
 * understands only those. Both name sets describe the same matrices.
 */
public final class WebMercatorQuad {

    public static final String ID = "WebMercatorQuad";
    public static final String URI = "http://www.opengis.net/def/tilematrixset/OGC/1.0/WebMercatorQuad";
    public static final String CRS = "http://www.opengis.net/def/crs/EPSG/0/3857";
    /** Deepest tile matrix defined (the catalog's deepest zoom). */
    public static final int MAX_ZOOM = 22;
    static final double ORIGIN = 20037508.342789244;
    /** Metres per pixel at zoom 0 (2 × origin / 256). */
    static final double CELL_SIZE_0 = 2 * ORIGIN / 256;

    private WebMercatorQuad() {
    }

    /** The tile matrix set document (TMS 2.0 with the 1.0 names beside, see the class comment). */
    public static Map<String, Object> definition() {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("id", ID);
        doc.put("identifier", ID);
        doc.put("title", "Google Maps Compatible for the World");
        doc.put("uri", URI);
        doc.put("crs", CRS);
        doc.put("supportedCRS", CRS);
        doc.put("orderedAxes", List.of("X", "Y"));
        doc.put("wellKnownScaleSet", "http://www.opengis.net/def/wkss/OGC/1.0/GoogleMapsCompatible");
        Map<String, Object> box = new LinkedHashMap<>();
        box.put("crs", CRS);
        box.put("lowerLeft", List.of(-ORIGIN, -ORIGIN));
        box.put("upperRight", List.of(ORIGIN, ORIGIN));
        box.put("lowerCorner", List.of(-ORIGIN, -ORIGIN));
        box.put("upperCorner", List.of(ORIGIN, ORIGIN));
        doc.put("boundingBox", box);
        List<Map<String, Object>> matrices = new ArrayList<>();
        for (int z = 0; z <= MAX_ZOOM; z++) {
            double cell = CELL_SIZE_0 / (1L << z);
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("id", Integer.toString(z));
            m.put("identifier", Integer.toString(z));
            m.put("scaleDenominator", cell / 0.00028);
            m.put("cellSize", cell);
            m.put("cornerOfOrigin", "topLeft");
            m.put("pointOfOrigin", List.of(-ORIGIN, ORIGIN));
            m.put("topLeftCorner", List.of(-ORIGIN, ORIGIN));
            m.put("tileWidth", 256);
            m.put("tileHeight", 256);
            m.put("matrixWidth", 1L << z);
            m.put("matrixHeight", 1L << z);
            matrices.add(m);
        }
        doc.put("tileMatrices", matrices);
        return doc;
    }

    /**
     * The tile matrix set limits covering {@code lonLat} (WGS84) at zooms {@code minZoom..maxZoom}: for each
     * zoom the rows and columns of the tiles that meet the box.
     */
    public static List<Map<String, Object>> limits(Envelope lonLat, int minZoom, int maxZoom) {
        if (minZoom < 0 || maxZoom > MAX_ZOOM || minZoom > maxZoom) {
            throw new IllegalArgumentException("zooms must satisfy 0 <= min <= max <= " + MAX_ZOOM);
        }
        List<Map<String, Object>> out = new ArrayList<>();
        for (int z = minZoom; z <= maxZoom; z++) {
            TileCoord nw = TileCoord.containing(z, lonLat.getMinX(), lonLat.getMaxY());
            TileCoord se = TileCoord.containing(z, lonLat.getMaxX(), lonLat.getMinY());
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("tileMatrix", Integer.toString(z));
            m.put("minTileRow", nw.y());
            m.put("maxTileRow", se.y());
            m.put("minTileCol", nw.x());
            m.put("maxTileCol", se.x());
            out.add(m);
        }
        return out;
    }
}
