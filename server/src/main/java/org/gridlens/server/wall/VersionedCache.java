package org.gridlens.server.wall;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers kept per key and analytics data version (migration V30/V41: bumped in the same transaction as
 * every change to incidents, their stage log, residents, housing, buildings, facilities and regions), each
 * until the instant its computation said it stops being exact without a data change (an open case passing
 * its deadline, say). An answer is <em>current</em> while the version is still the one read before it was
 * computed (or older: an entry never holds older data than a request has seen) and its instant lies ahead.
 *
 * <p>Two ways to ask. {@link #get} is exact: the first request after a committed change, or after that
 * instant, computes afresh and waits for it. {@link #answer} accepts an answer up to {@code maxAge} old
 * (stale-while-revalidate): when the kept answer is no longer current but was last known current at most
 * {@code maxAge} ago, it is returned at once, marked not current with that instant as its {@code asOf}, and
 * one fresh computation starts in the background; older than that (or with {@code maxAge} zero) the request
 * computes and waits, as {@link #get} does. So an answer from {@link #answer} always reflects every change
 * committed before its {@code asOf}, and {@code asOf} is never more than {@code maxAge} before the request.
 *
 * <p>Only for answers that read nothing outside the versioned tables and the clock. Concurrent requests for
 * one key compute once (the others wait for that answer, or take the kept one within {@code maxAge}); at most
 * one background computation runs at a time per cache, on a daemon thread that ends when idle. At most
 * {@code maxEntries} keys are kept. Instants are compared with this server's clock; against a database on
 * another host the expiry is off by the clocks' skew.
 */
public final class VersionedCache {

    private static final Logger log = LoggerFactory.getLogger(VersionedCache.class);

    /** An answer and the first instant at which the same data may give a different one. */
    public record Stable<T>(T value, Instant until) {
        public Stable {
            Objects.requireNonNull(value, "value");
            Objects.requireNonNull(until, "until");
        }
    }

    /**
     * An answer as served.
     *
     * @param value   the answer
     * @param asOf    it reflects every change committed before this instant
     * @param current whether nothing it depends on had changed when it was served (then {@code asOf} is the
     *                request's own instant)
     */
    public record Answer<T>(T value, Instant asOf, boolean current) {
        public Answer {
            Objects.requireNonNull(value, "value");
            Objects.requireNonNull(asOf, "asOf");
        }
    }

    /** Computes an answer from the database. */
    @FunctionalInterface
    public interface Computation<T> {
        Stable<T> compute() throws SQLException;
    }

    /** A kept answer: the version it was computed for and the latest instant it was known to be current. */
    private static final class Entry {
        final long version;
        final Stable<?> answer;
        volatile Instant confirmedAt;
        final AtomicBoolean refreshing = new AtomicBoolean();

        Entry(long version, Stable<?> answer, Instant confirmedAt) {
            this.version = version;
            this.answer = answer;
            this.confirmedAt = confirmedAt;
        }

        void confirm(Instant at) {
            if (at.isAfter(confirmedAt)) {
                confirmedAt = at;     // a lost race leaves an earlier instant: only ever understates the age
            }
        }
    }

    private final LongSupplier version;
    private final Clock clock;
    private final Duration maxAge;
    private final Cache<String, Entry> entries;
    private final Executor refresher;

    /** An exact cache: {@link #answer} behaves as {@link #get} (no answer older than the data is served). */
    public VersionedCache(LongSupplier version, Clock clock, int maxEntries) {
        this(version, clock, maxEntries, Duration.ZERO);
    }

    /**
     * @param version    the analytics data version ({@code DataVersion::current}); read on every request
     * @param maxEntries most keys kept
     * @param maxAge     how old an answer {@link #answer} may serve while a fresh one is computed; zero: none
     */
    public VersionedCache(LongSupplier version, Clock clock, int maxEntries, Duration maxAge) {
        this(version, clock, maxEntries, maxAge, refresher(maxEntries));
    }

    /** As above, with the executor that runs background computations (tests run them by hand). */
    VersionedCache(LongSupplier version, Clock clock, int maxEntries, Duration maxAge, Executor refresher) {
        this.version = Objects.requireNonNull(version, "version");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.maxAge = Objects.requireNonNull(maxAge, "maxAge");
        if (maxAge.isNegative()) {
            throw new IllegalArgumentException("maxAge must not be negative");
        }
        this.entries = Caffeine.newBuilder().maximumSize(maxEntries).build();
        this.refresher = Objects.requireNonNull(refresher, "refresher");
    }

    /**
     * One background computation at a time (they are the district's heaviest reads), each key queued at most
     * once (an entry's refreshing flag); the thread ends after 30 s without work.
     */
    private static Executor refresher(int maxEntries) {
        ThreadPoolExecutor pool = new ThreadPoolExecutor(1, 1, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(maxEntries), r -> {
            Thread t = new Thread(r, "wall-answer-refresh");
            t.setDaemon(true);
            return t;
        });
        pool.allowCoreThreadTimeOut(true);
        return pool;
    }

    /** The exact answer for {@code key}: from memory when nothing it depends on changed, else computed now. */
    public <T> T get(String key, Computation<T> computation) throws SQLException {
        return compute(key, computation, clock.instant(), version.getAsLong(), Duration.ZERO).value();
    }

    /**
     * The answer for {@code key}, at most {@code maxAge} old: the kept one when it is current or was current
     * {@code maxAge} ago or less (then a fresh one is computed in the background), else one computed now.
     */
    public <T> Answer<T> answer(String key, Computation<T> computation) throws SQLException {
        Instant now = clock.instant();
        long v = version.getAsLong();
        Entry hit = entries.getIfPresent(key);
        if (current(hit, v, now)) {
            hit.confirm(now);
            return served(hit, now, true);
        }
        if (withinAge(hit, now)) {
            refreshLater(key, hit, computation);
            return served(hit, hit.confirmedAt, false);
        }
        return compute(key, computation, now, v, maxAge);
    }

    @SuppressWarnings("unchecked")
    private static <T> Answer<T> served(Entry e, Instant asOf, boolean current) {
        return new Answer<>((T) e.answer.value(), asOf, current);
    }

    /**
     * Computes the answer now, once for all concurrent callers of the key; a caller that waited for another's
     * computation takes its answer when that one is current or within {@code accept} of the caller's request.
     */
    private <T> Answer<T> compute(String key, Computation<T> computation, Instant now, long v, Duration accept)
            throws SQLException {
        try {
            Entry e = entries.asMap().compute(key, (k, old) -> {
                if (current(old, v, clock.instant()) || (!accept.isZero() && withinAge(old, now))) {
                    return old;      // another request computed it while this one waited
                }
                // Keyed by the version read after `now` and before computing: the computation sees at least
                // that data, and any later commit bumps the version, so the entry is never served as current
                // for newer data.
                return new Entry(v, stableOf(computation), now);
            });
            boolean current = current(e, v, clock.instant());
            return served(e, current ? now : e.confirmedAt, current);
        } catch (Failure f) {
            throw f.sql;
        }
    }

    /** Starts one background computation of {@code key} unless one is queued or running for this entry. */
    private <T> void refreshLater(String key, Entry stale, Computation<T> computation) {
        if (!stale.refreshing.compareAndSet(false, true)) {
            return;
        }
        try {
            refresher.execute(() -> {
                try {
                    Instant now = clock.instant();
                    long v = version.getAsLong();
                    entries.asMap().compute(key, (k, old) -> old != null && old != stale && current(old, v, clock.instant())
                            ? old : new Entry(v, stableOf(computation), now));
                } catch (RuntimeException e) {     // Failure (an SQLException) or a bug in the computation
                    // The kept answer is served until maxAge; the next request after this one tries again.
                    stale.refreshing.set(false);
                    log.warn("background computation of the wall answer '{}' failed: {}", key, e.toString());
                }
            });
        } catch (RejectedExecutionException e) {
            stale.refreshing.set(false);
        }
    }

    private static Stable<?> stableOf(Computation<?> computation) {
        try {
            return computation.compute();
        } catch (SQLException e) {
            throw new Failure(e);
        }
    }

    /** Keys kept now, after pending evictions. */
    long size() {
        entries.cleanUp();
        return entries.estimatedSize();
    }

    private boolean current(Entry e, long v, Instant now) {
        return e != null && e.version >= v && now.isBefore(e.answer.until());
    }

    private boolean withinAge(Entry e, Instant now) {
        return e != null && !maxAge.isZero() && !e.confirmedAt.isBefore(now.minus(maxAge));
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
