package org.gridlens.server.wall;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.Objects;
import java.util.function.LongSupplier;

/**
 * Answers kept per key and analytics data version (migration V30/V41: bumped in the same transaction as
 * every change to incidents, their stage log, residents, housing, buildings, facilities and regions), each
 * until the instant its computation said it stops being exact without a data change (an open case passing
 * its deadline, say). An answer is served from memory while the version is still the one read before it was
 * computed (or older: an entry never holds older data than a request has seen) and its instant lies ahead;
 * so the first request after a committed change, or after that instant, computes afresh.
 *
 * <p>Only for answers that read nothing outside the versioned tables and the clock. Concurrent requests for
 * one key compute once; the others wait for that answer. At most {@code maxEntries} keys are kept.
 * Instants are compared with this server's clock; against a database on another host the expiry is off by
 * the clocks' skew.
 */
public final class VersionedCache {

    /** An answer and the first instant at which the same data may give a different one. */
    public record Stable<T>(T value, Instant until) {
        public Stable {
            Objects.requireNonNull(value, "value");
            Objects.requireNonNull(until, "until");
        }
    }

    /** Computes an answer from the database. */
    @FunctionalInterface
    public interface Computation<T> {
        Stable<T> compute() throws SQLException;
    }

    private record Entry(long version, Stable<?> answer) {
    }

    private final LongSupplier version;
    private final Clock clock;
    private final Cache<String, Entry> entries;

    /**
     * @param version    the analytics data version ({@code DataVersion::current}); read on every request
     * @param maxEntries most keys kept
     */
    public VersionedCache(LongSupplier version, Clock clock, int maxEntries) {
        this.version = Objects.requireNonNull(version, "version");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.entries = Caffeine.newBuilder().maximumSize(maxEntries).build();
    }

    /** The answer for {@code key}: from memory when nothing it depends on changed, else computed now. */
    @SuppressWarnings("unchecked")
    public <T> T get(String key, Computation<T> computation) throws SQLException {
        long v = version.getAsLong();
        Entry hit = entries.getIfPresent(key);
        if (fresh(hit, v)) {
            return (T) hit.answer().value();
        }
        try {
            return (T) entries.asMap().compute(key, (k, old) -> {
                if (fresh(old, v)) {
                    return old;      // another request computed it while this one waited
                }
                try {
                    // Keyed by the version read before computing: the computation sees at least that data,
                    // and any later commit bumps the version, so the entry is never served for newer data.
                    return new Entry(v, computation.compute());
                } catch (SQLException e) {
                    throw new Failure(e);
                }
            }).answer().value();
        } catch (Failure f) {
            throw f.sql;
        }
    }

    /** Keys kept now, after pending evictions. */
    long size() {
        entries.cleanUp();
        return entries.estimatedSize();
    }

    private boolean fresh(Entry e, long v) {
        return e != null && e.version() >= v && clock.instant().isBefore(e.answer().until());
    }

    /** Carries a computation's SQLException out of the cache's compute function. */
    private static final class Failure extends RuntimeException {
        private final transient SQLException sql;

        Failure(SQLException sql) {
            super(sql);
            this.sql = sql;
        }
    }
}
