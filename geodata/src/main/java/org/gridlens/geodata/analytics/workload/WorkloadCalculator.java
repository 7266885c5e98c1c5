package org.gridlens.geodata.analytics.workload;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import javax.sql.DataSource;
import org.gridlens.geodata.analytics.TimeWindow;
import org.gridlens.geodata.analytics.stats.GridStatisticsCalculator;
import org.gridlens.geodata.analytics.stats.PeopleMeasure;
import org.gridlens.geodata.analytics.stats.RegionStatistics;

/**
 * Incidents and residents per grid worker, per management grid, for a window.
 *
 * <p>Incidents and residents are the grid statistics' own figures ({@link GridStatisticsCalculator}),
 * so residents carry exactly the statistics' small-count suppression (a withheld count stays withheld
 * here, and so does its per-worker ratio); staffing comes from {@code grid_worker} (V37). Grids without
 * staffing rows say "no staffing data" and have no per-worker figures. Ranked by incidents per worker,
 * highest first; grids without staffing last.
 */
public final class WorkloadCalculator {

    private final DataSource dataSource;
    private final GridStatisticsCalculator statistics;

    public WorkloadCalculator(DataSource dataSource, GridStatisticsCalculator statistics) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
        this.statistics = Objects.requireNonNull(statistics, "statistics");
    }

    public List<GridWorkload> compute(TimeWindow window, boolean personLevelAccess) {
        Map<String, int[]> staff = staffing();
        List<GridWorkload> out = new ArrayList<>();
        for (RegionStatistics r : statistics.compute(window, personLevelAccess)) {
            if (!r.level().equals("grid")) {
                continue;
            }
            int[] s = staff.getOrDefault(r.code(), new int[3]);
            int workers = s[0] + s[1];
            Long residents = r.people().get(PeopleMeasure.RESIDENTS.label());
            out.add(new GridWorkload(r.code(), r.name(), workers, s[0], s[1], s[2], r.incidents(), residents,
                    workers == 0 ? null : (double) r.incidents() / workers,
                    workers == 0 || residents == null ? null : (double) residents / workers,
                    workers == 0 ? GridWorkload.NO_STAFFING : GridWorkload.STAFFED));
        }
        out.sort(Comparator.comparing((GridWorkload g) -> g.incidentsPerWorker() == null ? 1 : 0)
                .thenComparing(g -> g.incidentsPerWorker() == null ? 0 : -g.incidentsPerWorker())
                .thenComparing(GridWorkload::gridCode));
        return out;
    }

    /** Per grid: full-time, part-time, supervisors. */
    private Map<String, int[]> staffing() {
        Map<String, int[]> m = new HashMap<>();
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("""
                     SELECT grid_code, count(*) FILTER (WHERE role = 'grid_worker'), count(*) FILTER (WHERE role = 'part_time'),
                            count(*) FILTER (WHERE role = 'supervisor')
                     FROM grid_worker GROUP BY grid_code""");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                m.put(rs.getString(1), new int[] {rs.getInt(2), rs.getInt(3), rs.getInt(4)});
            }
        } catch (SQLException e) {
            throw new IllegalStateException("staffing query failed: " + e.getMessage(), e);
        }
        return m;
    }
}
