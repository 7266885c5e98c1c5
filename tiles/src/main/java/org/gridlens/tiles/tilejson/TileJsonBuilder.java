package org.gridlens.tiles.tilejson;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.gridlens.tiles.filter.TileFilter;
import org.gridlens.tiles.layer.LayerDefinition;
import org.gridlens.tiles.layer.LayerField;
import org.locationtech.jts.geom.Envelope;

/**
 * Builds TileJSON 3.0.0 documents (a map ready for a JSON writer) for one or several layers.
 *
 * <p>Tile URLs are absolute and carry the request's normalised filter, so a client that follows them gets
 * exactly the tiles the document describes. {@code bounds} and {@code center} come from the loaded
 * district; {@code minzoom}/{@code maxzoom} span the layers; {@code vector_layers} lists each layer with
 * its fields and their descriptions.
 */
public final class TileJsonBuilder {

    private TileJsonBuilder() {
    }

    public static Map<String, Object> build(String baseUrl, List<LayerDefinition> layers, TileFilter filter,
                                            Optional<Envelope> extent) {
        String ids = layers.stream().map(LayerDefinition::id).collect(Collectors.joining(","));
        String query = filter.isNone() || layers.stream().noneMatch(LayerDefinition::filtered) ? "" : "?" + filter.queryString();
        int minZoom = layers.stream().mapToInt(LayerDefinition::minZoom).min().orElse(0);
        int maxZoom = layers.stream().mapToInt(LayerDefinition::maxZoom).max().orElse(22);
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("tilejson", "3.0.0");
        doc.put("name", ids);
        doc.put("description", layers.stream().map(LayerDefinition::description).collect(Collectors.joining(" ")));
        doc.put("version", "1.0.0");
        doc.put("attribution", "GridLens, Chengdong District");
        doc.put("scheme", "xyz");
        doc.put("tiles", List.of(baseUrl + "/tiles/" + ids + "/{z}/{x}/{y}.mvt" + query));
        doc.put("minzoom", minZoom);
        doc.put("maxzoom", maxZoom);
        if (extent.isPresent()) {
            Envelope e = extent.get();
            doc.put("bounds", List.of(e.getMinX(), e.getMinY(), e.getMaxX(), e.getMaxY()));
            doc.put("center", List.of(e.centre().getX(), e.centre().getY(), Math.max(minZoom, Math.min(maxZoom, 12))));
        } else {
            doc.put("bounds", List.of(-180.0, -85.05112877980659, 180.0, 85.0511287798066));
        }
        List<Map<String, Object>> vectorLayers = new ArrayList<>();
        for (LayerDefinition d : layers) {
            Map<String, Object> v = new LinkedHashMap<>();
            v.put("id", d.id());
            v.put("description", d.description());
            v.put("minzoom", d.minZoom());
            v.put("maxzoom", d.maxZoom());
            Map<String, String> fields = new LinkedHashMap<>();
            for (LayerField f : d.fields()) {
                fields.put(f.name(), f.description() + " (" + f.type() + ")");
            }
            v.put("fields", fields);
            vectorLayers.add(v);
        }
        doc.put("vector_layers", vectorLayers);
        return doc;
    }
}
