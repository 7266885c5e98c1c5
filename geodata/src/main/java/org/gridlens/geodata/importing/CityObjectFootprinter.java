package org.gridlens.geodata.importing;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.LinearRing;
import org.locationtech.jts.geom.Polygon;

/**
 * Turns one CityJSON Building or BuildingPart into a building record: the footprint is the union of
 * the solid's lowest horizontal faces, {@code base_elev_m} their height and {@code height_m} the
 * solid's vertical extent; scalar attributes become source columns and the object id is the
 * {@code code} unless an attribute says otherwise.
 *
 * <p>Only {@code Solid} geometries are read (the footprint needs closed volumes); an object without
 * one, or whose boundaries point outside the vertex list, becomes a rejected record with the reason,
 * never an exception.
 */
final class CityObjectFootprinter {

    private final GeometryFactory factory = new GeometryFactory();

    /** Whether a CityObject of this type is read as a building. */
    static boolean isBuilding(JsonNode object) {
        String type = object.path("type").asText();
        return type.equals("Building") || type.equals("BuildingPart");
    }

    SourceRecord footprint(long row, String id, JsonNode object, CityJsonVertices vertices) {
        Map<String, String> attrs = new LinkedHashMap<>();
        object.path("attributes").fields().forEachRemaining(a -> {
            if (a.getValue().isValueNode() && !a.getValue().isNull()) {
                attrs.put(a.getKey(), a.getValue().asText());
            }
        });
        attrs.putIfAbsent("code", id);
        try {
            List<Polygon> faces = new ArrayList<>();
            double zMin = Double.POSITIVE_INFINITY;
            double zMax = Double.NEGATIVE_INFINITY;
            for (JsonNode geom : object.path("geometry")) {
                if (!geom.path("type").asText().equals("Solid")) {
                    continue;
                }
                for (JsonNode surface : geom.path("boundaries").get(0)) {
                    List<LinearRing> rings = new ArrayList<>();
                    double fz = Double.NEGATIVE_INFINITY;
                    double fzMin = Double.POSITIVE_INFINITY;
                    for (JsonNode ring : surface) {
                        Coordinate[] cs = new Coordinate[ring.size() + 1];
                        for (int i = 0; i < ring.size(); i++) {
                            int v = ring.get(i).asInt();
                            double z = vertices.get(v, 2);
                            cs[i] = new Coordinate(vertices.get(v, 0), vertices.get(v, 1));
                            fz = Math.max(fz, z);
                            fzMin = Math.min(fzMin, z);
                            zMin = Math.min(zMin, z);
                            zMax = Math.max(zMax, z);
                        }
                        cs[ring.size()] = cs[0];
                        rings.add(factory.createLinearRing(cs));
                    }
                    if (fz - fzMin < 1e-6) {
                        Polygon p = factory.createPolygon(rings.get(0), rings.subList(1, rings.size()).toArray(LinearRing[]::new));
                        p.setUserData(fz);
                        faces.add(p);
                    }
                }
            }
            if (faces.isEmpty()) {
                return new SourceRecord(row, attrs, null, "no Solid geometry with horizontal faces");
            }
            double base = zMin;
            Geometry footprint = factory.buildGeometry(faces.stream().filter(p -> Math.abs((Double) p.getUserData() - base) < 1e-6)
                    .toList()).union();
            attrs.put("base_elev_m", Double.toString(base));
            attrs.put("height_m", Double.toString(zMax - zMin));
            return new SourceRecord(row, attrs, footprint, null);
        } catch (RuntimeException ex) {
            return new SourceRecord(row, attrs, null, "unreadable CityJSON geometry: " + ex.getMessage());
        }
    }
}
