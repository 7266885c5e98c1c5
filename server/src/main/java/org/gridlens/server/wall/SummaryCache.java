package org.gridlens.server.wall;

import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.function.LongSupplier;
import org.gridlens.geodata.stats.DistrictSummary;
import org.gridlens.geodata.stats.DistrictSummaryQuery;

/**
 * The wall's district summaries, kept per window length in a {@link VersionedCache}: served from memory
 * until the data change (analytics data version) or the next open case's deadline passes (the overdue count
 * grows; {@link DistrictSummaryQuery.Snapshot#stableUntil}), so every answer is exact.
 *
 * <p>On a district whose incidents arrive every few seconds the version changes as often; {@link #recent}
 * (the wall's route) then serves the last summary, at most {@code maxAge} old and saying so, while a fresh
 * one is computed. The first request after a restart, or after {@code maxAge} without requests, pays the
 * full query (≈ 0.6–2.4 s on {@code district}).
 */
public final class SummaryCache {

    /** Most window lengths kept (the wall asks for one; the API allows 1–366). */
    static final int MAX_WINDOWS = 16;

    private final DistrictSummaryQuery query;
    private final VersionedCache cache;

    /**
     * @param version the analytics data version ({@code DataVersion::current}); read on every request
     */
    public SummaryCache(DistrictSummaryQuery query, LongSupplier version, Clock clock) {
        this(query, version, clock, Duration.ZERO);
    }

    /**
     * @param version the analytics data version ({@code DataVersion::current}); read on every request
     * @param maxAge  how old an answer {@link #recent} may serve while a fresh one is computed (zero: none)
     */
    public SummaryCache(DistrictSummaryQuery query, LongSupplier version, Clock clock, Duration maxAge) {
        this.query = Objects.requireNonNull(query, "query");
        this.cache = new VersionedCache(version, clock, MAX_WINDOWS, maxAge);
    }

    /** The summary of the last {@code days} days, from memory when nothing it depends on changed. */
    public DistrictSummary summary(int days) throws SQLException {
        return cache.get("summary:" + days, () -> compute(days));
    }

    /**
     * The summary of the last {@code days} days at most {@code maxAge} old: the last one computed while a
     * fresh one is computed in the background ({@link VersionedCache#answer}).
     */
    public VersionedCache.Answer<DistrictSummary> recent(int days) throws SQLException {
        return cache.answer("summary:" + days, () -> compute(days));
    }

    private VersionedCache.Stable<DistrictSummary> compute(int days) throws SQLException {
        DistrictSummaryQuery.Snapshot s = query.snapshot(days);
        return new VersionedCache.Stable<>(s.summary(), s.stableUntil());
    }
}
