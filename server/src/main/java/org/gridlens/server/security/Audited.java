package org.gridlens.server.security;

import io.javalin.http.Context;
import io.javalin.http.Handler;
import java.util.LinkedHashMap;
import java.util.Map;
import org.gridlens.geodata.security.AuditLog;
import org.gridlens.geodata.security.Principal;

/**
 * Wraps a handler so each call is written to the audit trail: who (principal), what (action and
 * path), the outcome (ok for 2xx/3xx, denied for 401/403, failed otherwise or on an exception), the
 * client address and the query string. Used on imports, exports, person-level reads and case changes,
 * in the route table, so no controller can forget it.
 */
public final class Audited {

    private Audited() {
    }

    public static Handler audited(AuditLog audit, String action, Handler handler) {
        return ctx -> {
            try {
                handler.handle(ctx);
                record(audit, action, ctx, ctx.statusCode() < 400 ? "ok" : ctx.statusCode() == 401 || ctx.statusCode() == 403
                        ? "denied" : "failed");
            } catch (Exception e) {
                record(audit, action, ctx, "failed");
                throw e;
            }
        };
    }

    private static void record(AuditLog audit, String action, Context ctx, String outcome) {
        String actor = AccessManager.principal(ctx).map(Principal::name).orElse("anonymous");
        Map<String, Object> detail = new LinkedHashMap<>();
        String q = ctx.queryString();
        if (q != null) {
            detail.put("query", q.length() > 500 ? q.substring(0, 500) : q);
        }
        detail.put("status", ctx.statusCode());
        audit.record(actor, action, ctx.path(), outcome, ctx.ip(), detail);
    }
}
