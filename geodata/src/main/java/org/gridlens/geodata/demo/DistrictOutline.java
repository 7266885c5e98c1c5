package org.gridlens.geodata.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.gridlens.geodata.crs.GaussKruger;
import org.gridlens.geodata.crs.Gcj02;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.LinearRing;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.precision.GeometryPrecisionReducer;

/**
 * The real outline of Chengdong District (adcode 630102) from the bundled DataV GeoAtlas export
 * (see demo/PROVENANCE.md): GCJ-02 converted to WGS84, projected to EPSG:4543 and snapped to the
 * millimetre grid all demo geometry is built on. Neighbouring districts in the file are ignored.
 */
final class DistrictOutline {

    static final String RESOURCE = "/demo/xining-urban-districts.geojson";
    static final int CHENGDONG_ADCODE = 630102;

    private DistrictOutline() {
    }

    /** The district outline in EPSG:4543, valid, on the millimetre grid. */
    static Geometry chengdongMetric() {
        try (InputStream in = DistrictOutline.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + RESOURCE);
            }
            JsonNode root = new ObjectMapper().readTree(in);
            for (JsonNode f : root.get("features")) {
                if (f.get("properties").get("adcode").asInt() == CHENGDONG_ADCODE) {
                    return toMetric(f.get("geometry"));
                }
            }
            throw new IllegalStateException("adcode " + CHENGDONG_ADCODE + " not found in " + RESOURCE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Geometry toMetric(JsonNode geometry) {
        List<Polygon> polygons = new ArrayList<>();
        JsonNode coords = geometry.get("coordinates");
        boolean multi = "MultiPolygon".equals(geometry.get("type").asText());
        for (JsonNode poly : multi ? coords : List.of(coords)) {
            LinearRing shell = null;
            List<LinearRing> holes = new ArrayList<>();
            for (JsonNode ring : poly) {
                Coordinate[] cs = new Coordinate[ring.size()];
                for (int i = 0; i < ring.size(); i++) {
                    double[] wgs = Gcj02.toWgs84(ring.get(i).get(0).asDouble(), ring.get(i).get(1).asDouble());
                    double[] xy = GaussKruger.forward(wgs[0], wgs[1]);
                    cs[i] = new Coordinate(xy[0], xy[1]);
                }
                LinearRing r = WgsProjector.METRIC.createLinearRing(cs);
                if (shell == null) {
                    shell = r;
                } else {
                    holes.add(r);
                }
            }
            polygons.add(WgsProjector.METRIC.createPolygon(shell, holes.toArray(LinearRing[]::new)));
        }
        Geometry g = WgsProjector.METRIC.createMultiPolygon(polygons.toArray(Polygon[]::new)).buffer(0);
        return GeometryPrecisionReducer.reduce(g, WgsProjector.METRIC_PRECISION);
    }
}
