package org.gridlens.geodata.stats;

import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
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
    private final DataSource dataSource;

    public DistrictSummaryQuery(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    public DistrictSummary summary(int days) throws SQLException {
        if (days < 1 || days > 366) {
            throw new IllegalArgumentException("window must be 1..366 days");
        }
        try (Connection c = dataSource.getConnection()) {
            long residents;
            long alone;
            long open;
            long overdue;
            LocalDate end;
            try (PreparedStatement ps = c.prepareStatement(HEADLINE); ResultSet rs = ps.executeQuery()) {
                rs.next();
                residents = rs.getLong(1);
                alone = rs.getLong(2);
                open = rs.getLong(3);
                overdue = rs.getLong(4);
                Date last = rs.getDate(5);
                end = (last == null ? LocalDate.now(java.time.ZoneId.of("Asia/Shanghai")) : last.toLocalDate()).plusDays(1);
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
            return new DistrictSummary(residents, alone, open, overdue, start, end, total, byGrid);
        }
    }
}
