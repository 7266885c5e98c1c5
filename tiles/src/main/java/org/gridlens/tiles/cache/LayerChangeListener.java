package org.gridlens.tiles.cache;

import org.locationtech.jts.geom.Envelope;

/**
 * Told after the cache dropped a layer's tiles because data changed, so displays can refresh just
 * those tiles (the server relays it on its SSE stream). Called on the change-feed thread: implementations
 * must only enqueue work.
 */
@FunctionalInterface
public interface LayerChangeListener {

    /**
     * @param layer            the layer id
     * @param bbox4326OrNull   WGS84 box the change may have touched (already grown by the layer's reach), or
     *                         null when every tile of the layer may have changed
     * @param version          the change-feed version (0 for "assume everything changed" after a reconnect)
     */
    void layerChanged(String layer, Envelope bbox4326OrNull, long version);
}
