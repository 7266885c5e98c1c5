package org.gridlens.server.analytics;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Duration;
import java.util.function.Supplier;
import org.gridlens.geodata.analytics.DataVersion;

/**
 * Results cached by endpoint, parameters and the analytics data version: a change to the data behind
 * the analytics bumps the version (V30 triggers), so old entries are never served again and age out.
 * Concurrent requests for the same key compute once (Caffeine's per-key atomic get).
 */
final class AnalyticsCache {

    private final Cache<String, Object> cache;
    private final DataVersion version;

    AnalyticsCache(DataVersion version, long maxEntries) {
        this.version = version;
        this.cache = Caffeine.newBuilder().maximumSize(maxEntries).expireAfterAccess(Duration.ofHours(6)).build();
    }

    @SuppressWarnings("unchecked")
    <T> T get(String key, Supplier<T> compute) {
        String k = version.current() + "|" + key;
        return (T) cache.get(k, x -> compute.get());
    }
}
