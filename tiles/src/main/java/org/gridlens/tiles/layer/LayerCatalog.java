package org.gridlens.tiles.layer;

import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The published layers, looked up by id. An id that is not in the catalog does not exist: requests
 * name layers only through this allow-list.
 */
public final class LayerCatalog {

    private final Map<String, LayerDefinition> layers;

    public LayerCatalog(List<LayerDefinition> definitions) {
        Map<String, LayerDefinition> m = new LinkedHashMap<>();
        for (LayerDefinition d : definitions) {
            if (m.put(d.id(), d) != null) {
                throw new IllegalArgumentException("two layers are named " + d.id());
            }
        }
        this.layers = Collections.unmodifiableMap(m);
    }

    /** The layers GridLens publishes by default. */
    public static LayerCatalog standard() {
        return new LayerCatalog(StandardLayers.all());
    }

    public Optional<LayerDefinition> find(String id) {
        return Optional.ofNullable(layers.get(id));
    }

    public Collection<LayerDefinition> all() {
        return layers.values();
    }
}
