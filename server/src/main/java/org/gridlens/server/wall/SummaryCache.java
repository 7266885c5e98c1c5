package org.gridlens.server.wall;

import java.sql.SQLException;
import java.time.Clock;
import java.util.Objects;
import java.util.function.LongSupplier;
import org.gridlens.geodata.stats.DistrictSummary;
import org.gridlens.geodata.stats.DistrictSummaryQuery;

/**
 * The wall's district summaries, kept per window length in a {@link VersionedCache}: served from memory
 * until the data change (analytics data version) or the next open case's deadline passes (the overdue count
 * grows; {@link DistrictSummaryQuery.Snapshot#stableUntil}), so every answer is exact.
 *
 * <p>Limit: on a district whose incidents arrive every few seconds the version changes as often, so the
 * cache then spares only the requests between two arrivals; the first request after a change or a restart
 * pays the full query (≈ 0.6–1.2 s on {@code district}).
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
        this.query = Objects.requireNonNull(query, "query");
        this.cache = new VersionedCache(version, clock, MAX_WINDOWS);
    }

    /** The summary of the last {@code days} days, from memory when nothing it depends on changed. */
    public DistrictSummary summary(int days) throws SQLException {
        return cache.get("summary:" + days, () -> {
            DistrictSummaryQuery.Snapshot s = query.snapshot(days);
            return new VersionedCache.Stable<>(s.summary(), s.stableUntil());
        });
    }
}
