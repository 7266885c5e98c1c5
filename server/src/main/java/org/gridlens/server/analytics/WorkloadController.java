package org.gridlens.server.analytics;

import io.javalin.http.Context;
import java.time.Clock;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.sql.DataSource;
import org.gridlens.geodata.analytics.DataVersion;
import org.gridlens.geodata.analytics.TimeWindow;
import org.gridlens.geodata.analytics.stats.GridStatisticsCalculator;
import org.gridlens.geodata.analytics.stats.SuppressionPolicy;
import org.gridlens.geodata.analytics.workload.GridWorkload;
import org.gridlens.geodata.analytics.workload.WorkloadCalculator;

/**
 * {@code GET /api/analytics/workload?from&to&format=json|csv}: incidents and residents per grid worker,
 * per management grid, highest load first; grids without staffing data say so. Counts of people are
 * suppressed as in the grid statistics (every HTTP caller). Cached by window and data version.
 */
public final class WorkloadController {

    private final WorkloadCalculator calculator;
    private final AnalyticsCache cache;
    private final Clock clock;

    public WorkloadController(DataSource dataSource, SuppressionPolicy policy, long cacheEntries, Clock clock) {
        this.calculator = new WorkloadCalculator(dataSource, new GridStatisticsCalculator(dataSource, policy));
        this.cache = new AnalyticsCache(new DataVersion(dataSource), cacheEntries);
        this.clock = clock;
    }

    public void workload(Context ctx) {
        QueryParams q = new QueryParams(ctx, Set.of("from", "to", "format"));
        TimeWindow w = q.window(LocalDate.now(clock.withZone(TimeWindow.ZONE)), 365);
        String format = q.format(Set.of("json", "csv"), "json");
        List<GridWorkload> rows = cache.get("workload|" + w, () -> calculator.compute(w, false));
        if (format.equals("csv")) {
            AnalyticsController.csv(ctx, List.of("grid_code", "grid_name", "workers", "full_time", "part_time", "supervisors",
                    "incidents", "residents", "incidents_per_worker", "residents_per_worker", "staffing"), rows.stream()
                    .map(g -> Arrays.<Object>asList(g.gridCode(), g.gridName(), g.workers(), g.fullTime(), g.partTime(),
                            g.supervisors(), g.incidents(), g.residents(), g.incidentsPerWorker(), g.residentsPerWorker(),
                            g.staffing())).toList());
            return;
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("from", w.from());
        body.put("to", w.to());
        body.put("timeZone", TimeWindow.ZONE.getId());
        body.put("suppressed", true);
        body.put("staffedGrids", rows.stream().filter(g -> g.workers() > 0).count());
        body.put("grids", rows);
        AnalyticsController.json(ctx, body);
    }
}
