package org.gridlens.tiles.render;

import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;
import org.gridlens.tiles.TileCoord;
import org.gridlens.tiles.filter.TileFilter;
import org.gridlens.tiles.layer.LayerDefinition;

/**
 * One tile of one or more layers under one filter; also the tile cache's key. The filter is dropped
 * (set to {@link TileFilter#NONE}) when none of the layers is filtered, so requests that cannot differ
 * share one entry.
 *
 * @param layers the layers, in tile order (already checked against the catalog, no repeats)
 * @param tile   the tile
 * @param filter the normalised filter
 */
public record TileRequest(List<LayerDefinition> layers, TileCoord tile, TileFilter filter) {

    public TileRequest {
        layers = List.copyOf(layers);
        Objects.requireNonNull(tile, "tile");
        Objects.requireNonNull(filter, "filter");
        if (layers.isEmpty()) {
            throw new IllegalArgumentException("a tile needs at least one layer");
        }
        if (layers.stream().noneMatch(LayerDefinition::filtered)) {
            filter = TileFilter.NONE;
        }
    }

    /** Deepest zoom whose incident and heat tiles aggregate many cells (squares z8-12, cells z13-14). */
    public static final int AGGREGATED_MAX_ZOOM = 14;

    /**
     * True when rendering counts incident rows one by one over an area of many cells: a status or source
     * filter ({@link TileFilter#needsIncidentRows}) on an aggregated zoom. Such a tile reads up to every
     * incident of the district (seconds at z8) where other low-zoom tiles add up roll-ups (milliseconds).
     */
    public boolean scansIncidents() {
        return filter.needsIncidentRows() && tile.z() <= AGGREGATED_MAX_ZOOM;
    }

    /** Comma-separated layer ids, as in the URL. */
    public String layerIds() {
        return layers.stream().map(LayerDefinition::id).collect(Collectors.joining(","));
    }

    public boolean contains(String layerId) {
        return layers.stream().anyMatch(l -> l.id().equals(layerId));
    }

    /**
     * Equal when the layer ids (unique in a catalog), tile and filter are: comparing and hashing whole
     * layer definitions (fields, bands, their SQL) on every cache lookup cost more than the lookup.
     */
    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof TileRequest r) || r.layers.size() != layers.size() || !tile.equals(r.tile) || !filter.equals(r.filter)) {
            return false;
        }
        for (int i = 0; i < layers.size(); i++) {
            if (!layers.get(i).id().equals(r.layers.get(i).id())) {
                return false;
            }
        }
        return true;
    }

    @Override
    public int hashCode() {
        int h = tile.hashCode() * 31 + filter.hashCode();
        for (LayerDefinition l : layers) {
            h = h * 31 + l.id().hashCode();
        }
        return h;
    }

    @Override
    public String toString() {
        return layerIds() + "/" + tile + (filter.isNone() ? "" : "?" + filter.queryString());
    }
}
