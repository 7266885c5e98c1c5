package org.gridlens.geodata.analytics.hotspot;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * The spatial weights of the last few feature sets, so repeated hot-spot requests on the same features
 * (every 100 m cell of the district, with another window or category) do not rebuild them.
 *
 * <p>An entry is found only for exactly the same coordinates, in the same order, and the same weights
 * specification (k, band or the default band): when features are added, moved or removed the
 * coordinates differ and the weights are built afresh, so a cached entry can never be stale. Holds at
 * most {@value #CAPACITY} entries (least recently used first out); thread-safe. Two threads missing the
 * same entry at once may both build it (same result; one is kept).
 */
public final class SpatialWeightsCache {

    static final int CAPACITY = 8;
    private static final SpatialWeightsCache SHARED = new SpatialWeightsCache();

    /** The cache shared by hot spots and emerging hot spots (both weigh the same 100 m cells). */
    public static SpatialWeightsCache shared() {
        return SHARED;
    }

    /** Weights and, for distance bands, the band they were built with. */
    public record Built(SpatialWeights weights, Double band) {
        public Built {
            Objects.requireNonNull(weights, "weights");
        }
    }

    private record Key(double[] x, double[] y, String spec, int hash) {
        static Key of(double[] x, double[] y, String spec) {
            return new Key(x, y, spec, (Arrays.hashCode(x) * 31 + Arrays.hashCode(y)) * 31 + spec.hashCode());
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && hash == k.hash && spec.equals(k.spec) && Arrays.equals(x, k.x) && Arrays.equals(y, k.y);
        }

        @Override
        public int hashCode() {
            return hash;
        }
    }

    private final Map<Key, Built> entries = new LinkedHashMap<>(CAPACITY * 2, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Key, Built> eldest) {
            return size() > CAPACITY;
        }
    };

    /**
     * The weights for these coordinates and specification, built by {@code build} when not cached.
     * The arrays must not be changed afterwards (they are kept as the key).
     */
    public Built get(double[] x, double[] y, String spec, Supplier<Built> build) {
        Key key = Key.of(x, y, spec);
        synchronized (entries) {
            Built b = entries.get(key);
            if (b != null) {
                return b;
            }
        }
        Built b = build.get();
        synchronized (entries) {
            entries.put(key, b);
        }
        return b;
    }
}
