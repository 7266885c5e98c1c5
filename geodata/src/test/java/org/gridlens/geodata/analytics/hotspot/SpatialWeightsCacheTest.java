package org.gridlens.geodata.analytics.hotspot;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

class SpatialWeightsCacheTest {

    private static final double[] X = {0, 100, 200, 300};
    private static final double[] Y = {0, 0, 0, 0};

    private final AtomicInteger builds = new AtomicInteger();

    private Supplier<SpatialWeightsCache.Built> builder(double[] x, double[] y) {
        return () -> {
            builds.incrementAndGet();
            return new SpatialWeightsCache.Built(new SpatialWeightsBuilder(x, y).distanceBand(150), 150.0);
        };
    }

    @Test
    void theSameCoordinatesAndSpecificationReuseTheWeights() {
        SpatialWeightsCache cache = new SpatialWeightsCache();
        SpatialWeightsCache.Built first = cache.get(X, Y, "band=150", builder(X, Y));
        SpatialWeightsCache.Built again = cache.get(X.clone(), Y.clone(), "band=150", builder(X, Y));
        assertThat(again).isSameAs(first);
        assertThat(builds).hasValue(1);
    }

    @Test
    void aMovedAddedOrRemovedFeatureOrAnotherSpecificationBuildsAfresh() {
        SpatialWeightsCache cache = new SpatialWeightsCache();
        cache.get(X, Y, "band=150", builder(X, Y));
        double[] moved = {0, 100, 200, 300.001};
        SpatialWeightsCache.Built m = cache.get(moved, Y, "band=150", builder(moved, Y));
        double[] fewer = {0, 100, 200};
        double[] fewerY = {0, 0, 0};
        cache.get(fewer, fewerY, "band=150", builder(fewer, fewerY));
        cache.get(X, Y, "k=1", builder(X, Y));
        assertThat(builds).hasValue(4);
        assertThat(m.weights().size()).isEqualTo(4);
    }

    @Test
    void theLeastRecentlyUsedEntryLeavesFirst() {
        SpatialWeightsCache cache = new SpatialWeightsCache();
        cache.get(X, Y, "spec 0", builder(X, Y));
        for (int i = 1; i <= SpatialWeightsCache.CAPACITY; i++) {
            cache.get(X, Y, "spec " + i, builder(X, Y));
        }
        assertThat(builds).hasValue(SpatialWeightsCache.CAPACITY + 1);
        cache.get(X, Y, "spec " + SpatialWeightsCache.CAPACITY, builder(X, Y));
        assertThat(builds).as("recent entries stay").hasValue(SpatialWeightsCache.CAPACITY + 1);
        cache.get(X, Y, "spec 0", builder(X, Y));
        assertThat(builds).as("the eldest was evicted").hasValue(SpatialWeightsCache.CAPACITY + 2);
    }
}
