package org.gridlens.server.events;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.gridlens.geodata.events.DataChange;
import org.locationtech.jts.geom.Envelope;

/**
 * Publishes "layer.changed" notices from the database change feed until the tiles module's cache
 * (issue 4) publishes them itself through {@link EventHub#layerChanged}; swap this class out then.
 *
 * <p>Changes are coalesced per layer over {@code window}: under an intake of thousands of records a
 * second, a display gets at most one notice per layer per window, with the union of the changed
 * extents and the latest version. A change without extent (or the feed's "everything") stands for the
 * whole layer.
 */
public final class LayerChangeRelay implements AutoCloseable {

    /** Which map layers a change to a table affects. The one place this mapping lives. */
    static final Map<String, List<String>> LAYERS_BY_TABLE = Map.of(
            "incident", List.of("incidents", "heat"),
            "region", List.of("grid"),
            "building", List.of("buildings"),
            "parcel", List.of("parcels"),
            "camera", List.of("cameras"),
            "facility", List.of("facilities"),
            "component", List.of("components"),
            "address", List.of("addresses"),
            "resident", List.of("population"),
            "housing_unit", List.of("population"));

    private record Pending(Envelope bbox, boolean anywhere, long version) {
    }

    private final EventHub hub;
    private final Map<String, Pending> pending = new LinkedHashMap<>();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "gridlens-layer-relay");
        t.setDaemon(true);
        return t;
    });

    public LayerChangeRelay(EventHub hub, long windowMillis) {
        this.hub = hub;
        timer.scheduleWithFixedDelay(this::flush, windowMillis, windowMillis, TimeUnit.MILLISECONDS);
    }

    public void accept(DataChange change) {
        List<String> layers = change.table().equals(DataChange.ANY_TABLE)
                ? LAYERS_BY_TABLE.values().stream().flatMap(List::stream).distinct().toList()
                : LAYERS_BY_TABLE.getOrDefault(change.table(), List.of());
        synchronized (pending) {
            for (String layer : layers) {
                Pending p = pending.get(layer);
                boolean anywhere = change.bbox().isEmpty() || (p != null && p.anywhere());
                Envelope e = new Envelope();
                if (!anywhere) {
                    e.expandToInclude(change.bbox().get());
                    if (p != null) {
                        e.expandToInclude(p.bbox());
                    }
                }
                pending.put(layer, new Pending(e, anywhere, Math.max(change.version(), p == null ? 0 : p.version())));
            }
        }
    }

    void flush() {
        Map<String, Pending> out;
        synchronized (pending) {
            if (pending.isEmpty()) {
                return;
            }
            out = new LinkedHashMap<>(pending);
            pending.clear();
        }
        out.forEach((layer, p) -> hub.layerChanged(layer, p.anywhere() ? null : p.bbox(), p.version()));
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
