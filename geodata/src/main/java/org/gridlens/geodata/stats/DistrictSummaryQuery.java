package org.gridlens.geodata.stats;

import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import javax.sql.DataSource;
import org.gridlens.geodata.sql.SqlResource;

/**
 * Computes the {@link DistrictSummary} from the pre-aggregated daily counts (fast at a million incidents).
 *
 * <p>The incident window is the {@code days} local days ending with the latest day that has incidents,
 * so a demo database whose data ends in the past still shows a meaningful window; the window is
 * returned so displays can label it truthfully.
 */
public final class DistrictSummaryQuery {

    private static final String HEADLINE = SqlResource.load(DistrictSummaryQuery.class, "summary-headline.sql");
    private static final String BY_GRID = SqlResource.load(DistrictSummaryQuery.class, "summary-by-grid.sql");
    private static final ZoneId LOCAL = ZoneId.of("Asia/Shanghai");
    private final DataSource dataSource;

    public DistrictSummaryQuery(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    public DistrictSummary summary(int days) throws SQLException {
        return snapshot(days).summary();
    }

    /**
     * A summary with the instant until which it stays exact as long as the data do not change.
     *
     * @param summary     the summary, as {@link #summary(int)} computes it
     * @param stableUntil the first instant at which the same data give a different summary: the next
     *                    deadline of an open case (the overdue count grows), or, while there are no incidents
     *                    at all (the window ends today), the next local midnight; {@link Instant#MAX} when
     *                    neither applies. Changes to the data are not covered: pair it with the analytics
     *                    data version.
     */
    public record Snapshot(DistrictSummary summary, Instant stableUntil) {
        public Snapshot {
            Objects.requireNonNull(summary, "summary");
            Objects.requireNonNull(stableUntil, "stableUntil");
        }
    }

    /** The summary and how long it stays exact without data changes (see {@link Snapshot}). */
    public Snapshot snapshot(int days) throws SQLException {
        if (days < 1 || days > 366) {
            throw new IllegalArgumentException("window must be 1..366 days");
        }
        try (Connection c = dataSource.getConnection()) {
            long residents;
            long alone;
            long open;
            long overdue;
            LocalDate end;
            Instant stableUntil = Instant.MAX;
            try (PreparedStatement ps = c.prepareStatement(HEADLINE); ResultSet rs = ps.executeQuery()) {
                rs.next();
                residents = rs.getLong(1);
                alone = rs.getLong(2);
                open = rs.getLong(3);
                overdue = rs.getLong(4);
                Date last = rs.getDate(5);
                end = (last == null ? LocalDate.now(LOCAL) : last.toLocalDate()).plusDays(1);
                OffsetDateTime nextDeadline = rs.getObject(6, OffsetDateTime.class);
                if (nextDeadline != null) {
                    stableUntil = nextDeadline.toInstant();
                }
                if (last == null) {
                    Instant midnight = end.atStartOfDay(LOCAL).toInstant();
                    stableUntil = midnight.isBefore(stableUntil) ? midnight : stableUntil;
                }
            }
            LocalDate start = end.minusDays(days);
            List<DistrictSummary.GridCount> byGrid = new ArrayList<>();
            long total = 0;
            try (PreparedStatement ps = c.prepareStatement(BY_GRID)) {
                ps.setDate(1, Date.valueOf(start));
                ps.setDate(2, Date.valueOf(end));
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        long n = rs.getLong(3);
                        total += n;
                        byGrid.add(new DistrictSummary.GridCount(rs.getString(1), rs.getString(2), n));
                    }
                }
            }
            return new Snapshot(new DistrictSummary(residents, alone, open, overdue, start, end, total, byGrid), stableUntil);
        }
    }
}
