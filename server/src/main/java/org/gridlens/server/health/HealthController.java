package org.gridlens.server.health;

import io.javalin.http.Context;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.gridlens.geodata.db.Database;

/**
 * {@code GET /health}: 200 when the database answers, every migration of this build is applied and
 * data is loaded; otherwise 503 with the reasons. Never waits longer than the pool's connection timeout.
 */
public final class HealthController {

    private final Database database;

    public HealthController(Database database) {
        this.database = database;
    }

    public void health(Context ctx) {
        List<String> reasons = new ArrayList<>();
        Map<String, Object> body = new LinkedHashMap<>();
        boolean reachable = database.reachable();
        Map<String, Object> db = new LinkedHashMap<>();
        db.put("reachable", reachable);
        db.put("provisioned", database.target().origin().name().toLowerCase(java.util.Locale.ROOT));
        body.put("database", db);
        if (!reachable) {
            reasons.add("database unreachable");
        } else {
            try {
                List<String> pending = database.pendingMigrations();
                body.put("migrations", Map.of("atHead", pending.isEmpty(), "pending", pending));
                if (!pending.isEmpty()) {
                    reasons.add(pending.size() + " migration(s) pending");
                }
                Map<String, Object> data = dataCounts();
                body.put("data", data);
                if (!Boolean.TRUE.equals(data.get("loaded"))) {
                    reasons.add("no data loaded (run 'gridlens demo' or import regions)");
                }
            } catch (Exception e) {
                reasons.add("database check failed");
            }
        }
        body.put("status", reasons.isEmpty() ? "ok" : "unavailable");
        body.put("reasons", reasons);
        ctx.header("Cache-Control", "no-store");
        if (!reasons.isEmpty()) {
            ctx.header("Retry-After", "5");
        }
        ctx.status(reasons.isEmpty() ? 200 : 503).json(body);
    }

    private Map<String, Object> dataCounts() throws Exception {
        Map<String, Object> data = new LinkedHashMap<>();
        try (Connection c = database.dataSource().getConnection(); Statement s = c.createStatement()) {
            s.setQueryTimeout(5);
            try (ResultSet rs = s.executeQuery("SELECT (SELECT count(*) FROM region WHERE level = 'grid'),"
                    + " (SELECT max(loaded_at) FROM dataset_load)")) {
                rs.next();
                long grids = rs.getLong(1);
                data.put("loaded", grids > 0);
                data.put("grids", grids);
                data.put("lastLoad", rs.getTimestamp(2) == null ? null : rs.getTimestamp(2).toInstant().toString());
            }
        }
        return data;
    }
}
