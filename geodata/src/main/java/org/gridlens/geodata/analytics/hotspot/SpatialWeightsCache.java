package org.gridlens.geodata.analytics.hotspot;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.util.Arrays;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * The spatial weights of the last few feature sets, so repeated hot-spot requests on the same features
 * (every 100 m cell of the district, with another window or category) do not rebuild them.
 *
 * <p>An entry is found only for exactly the same coordinates, in the same order, and the same weights
 * specification (k, band or the default band): when features are added, moved or removed the
 * coordinates differ and the weights are built afresh, so a cached entry can never be stale. A Caffeine
 * cache holds at most {@value #CAPACITY} entries (size-bounded eviction by Caffeine's W-TinyLFU policy,
 * which keeps the entries used often and recently; it is not strict least-recently-used: a just-built
 * entry used once may be the one evicted). Thread-safe; threads missing the same entry at once wait for
 * one build instead of each building it. Eviction runs on the calling thread.
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

    private final Cache<Key, Built> entries = Caffeine.newBuilder().maximumSize(CAPACITY).executor(Runnable::run).build();

    /**
     * The weights for these coordinates and specification, built by {@code build} when not cached.
     * The arrays must not be changed afterwards (they are kept as the key).
     */
    public Built get(double[] x, double[] y, String spec, Supplier<Built> build) {
        return entries.get(Key.of(x, y, spec), k -> Objects.requireNonNull(build.get(), "built weights"));
    }

    /** The number of entries held (after pending evictions). */
    long size() {
        entries.cleanUp();
        return entries.estimatedSize();
    }
}
