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
    void atMostTheCapacityIsKeptAndEvictedEntriesAreBuiltAgain() {
        SpatialWeightsCache cache = new SpatialWeightsCache();
        int distinct = SpatialWeightsCache.CAPACITY + 5;
        for (int i = 0; i < distinct; i++) {
            cache.get(X, Y, "spec " + i, builder(X, Y));
        }
        assertThat(builds).hasValue(distinct);
        assertThat(cache.size()).isEqualTo(SpatialWeightsCache.CAPACITY);
        for (int i = 0; i < distinct; i++) {
            cache.get(X, Y, "spec " + i, builder(X, Y));
        }
        assertThat(builds.get() - distinct).as("the evicted entries were built again").isGreaterThanOrEqualTo(5);
        assertThat(cache.size()).isEqualTo(SpatialWeightsCache.CAPACITY);
    }

    @Test
    void concurrentMissesOfTheSameEntryBuildItOnce() throws Exception {
        SpatialWeightsCache cache = new SpatialWeightsCache();
        java.util.concurrent.CountDownLatch inBuild = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        Supplier<SpatialWeightsCache.Built> slow = () -> {
            inBuild.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return builder(X, Y).get();
        };
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(2);
        try {
            var first = pool.submit(() -> cache.get(X, Y, "band=150", slow));
            inBuild.await();
            var second = pool.submit(() -> cache.get(X.clone(), Y.clone(), "band=150", builder(X, Y)));
            release.countDown();
            assertThat(second.get(60, java.util.concurrent.TimeUnit.SECONDS)).isSameAs(first.get(60, java.util.concurrent.TimeUnit.SECONDS));
            assertThat(builds).hasValue(1);
        } finally {
            pool.shutdownNow();
        }
    }
}
