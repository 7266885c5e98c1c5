package org.gridlens.server.wall;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.Objects;
import java.util.function.LongSupplier;
import org.gridlens.geodata.stats.DistrictSummary;
import org.gridlens.geodata.stats.DistrictSummaryQuery;

/**
 * The wall's district summaries, kept per window length and analytics data version (migration V30/V41:
 * bumped in the same transaction as every change to incidents, their stage log, residents and regions,
 * everything the summary reads). A summary is served from memory while the version is still the one read
 * before it was computed (or older: an entry is never older than the data a request has seen) and its
 * clock-driven part has not moved ({@link DistrictSummaryQuery.Snapshot#stableUntil}:
 * the next deadline of an open case, after which the overdue count grows). So an answer is exact: the
 * first request after a committed change, or after a deadline passed, computes afresh.
 *
 * <p>Concurrent requests for the same window compute once; the others wait for that answer. At most one
 * entry per window length is kept (bounded by {@link #MAX_WINDOWS}). Limit: on a district whose incidents
 * arrive every few seconds the version changes as often, so the cache then spares only the requests
 * between two arrivals; the first wall render after a quiet spell or a restart still pays the full query.
 */
public final class SummaryCache {

    /** Most window lengths kept (the wall asks for one; the API allows 1–366). */
    static final int MAX_WINDOWS = 16;

    private record Entry(long version, Instant stableUntil, DistrictSummary summary) {
    }

    private final DistrictSummaryQuery query;
    private final LongSupplier version;
    private final Clock clock;
    private final Cache<Integer, Entry> byDays = Caffeine.newBuilder().maximumSize(MAX_WINDOWS).build();

    /**
     * @param version the analytics data version ({@code DataVersion::current}); read on every request
     */
    public SummaryCache(DistrictSummaryQuery query, LongSupplier version, Clock clock) {
        this.query = Objects.requireNonNull(query, "query");
        this.version = Objects.requireNonNull(version, "version");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** The summary of the last {@code days} days, from memory when nothing it depends on changed. */
    public DistrictSummary summary(int days) throws SQLException {
        long v = version.getAsLong();
        Entry hit = byDays.getIfPresent(days);
        if (fresh(hit, v)) {
            return hit.summary();
        }
        try {
            return byDays.asMap().compute(days, (k, old) -> {
                if (fresh(old, v)) {
                    return old;      // another request computed it while this one waited
                }
                try {
                    // Keyed by the version read before computing: the computation sees at least that data,
                    // and any later commit bumps the version, so the entry is never served for newer data.
                    DistrictSummaryQuery.Snapshot s = query.snapshot(days);
                    return new Entry(v, s.stableUntil(), s.summary());
                } catch (SQLException e) {
                    throw new Failure(e);
                }
            }).summary();
        } catch (Failure f) {
            throw f.sql;
        }
    }

    private boolean fresh(Entry e, long v) {
        return e != null && e.version() >= v && clock.instant().isBefore(e.stableUntil());
    }

    /** Carries a query's SQLException out of the cache's compute function. */
    private static final class Failure extends RuntimeException {
        private final SQLException sql;

        Failure(SQLException sql) {
            super(sql);
            this.sql = sql;
        }
    }
}
