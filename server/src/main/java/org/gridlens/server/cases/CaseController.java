package org.gridlens.server.cases;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.http.BadRequestResponse;
import io.javalin.http.ConflictResponse;
import io.javalin.http.Context;
import io.javalin.http.NotFoundResponse;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.gridlens.geodata.workflow.CaseEvent;
import org.gridlens.geodata.workflow.CaseNotFoundException;
import org.gridlens.geodata.workflow.CaseRepository;
import org.gridlens.geodata.workflow.CaseStage;
import org.gridlens.geodata.workflow.CaseView;
import org.gridlens.geodata.workflow.OrderQueue;
import org.gridlens.geodata.workflow.TransitionRefusedException;
import org.gridlens.geodata.workflow.TransitionRequest;
import org.gridlens.server.intake.BoundedBody;
import org.gridlens.server.intake.ReportReader;

/**
 * {@code GET /api/incidents/{id}}, {@code POST /api/incidents/{id}/transitions},
 * {@code GET /api/orders?status=open|closed&limit=}. A transition the workflow does not allow in the
 * case's status is 409 with the reason; nothing is written then.
 */
public final class CaseController {

    private static final Set<String> FIELDS = Set.of("stage", "actor", "dept", "note", "hours", "rating", "category");
    private final CaseRepository cases;
    private final OrderQueue orders;

    public CaseController(CaseRepository cases, OrderQueue orders) {
        this.cases = cases;
        this.orders = orders;
    }

    public void get(Context ctx) {
        long id = id(ctx);
        CaseView v = cases.find(id).orElseThrow(() -> new NotFoundResponse("no incident " + id));
        ctx.json(json(v, true));
    }

    public void transition(Context ctx) {
        long id = id(ctx);
        TransitionRequest request = request(ReportReaderBridge.tree(BoundedBody.read(ctx, 16384)));
        try {
            ctx.json(json(cases.transition(id, request), true));
        } catch (CaseNotFoundException e) {
            throw new NotFoundResponse(e.getMessage());
        } catch (TransitionRefusedException e) {
            throw new ConflictResponse(e.getMessage());
        }
    }

    public void orders(Context ctx) {
        String status = ctx.queryParam("status") == null ? "open" : ctx.queryParam("status");
        if (!status.equals("open") && !status.equals("closed")) {
            throw new BadRequestResponse("status must be open or closed");
        }
        int limit = 100;
        String l = ctx.queryParam("limit");
        if (l != null) {
            try {
                limit = Integer.parseInt(l);
            } catch (NumberFormatException e) {
                limit = -1;
            }
            if (limit < 1 || limit > OrderQueue.MAX_LIMIT) {
                throw new BadRequestResponse("limit must be a whole number from 1 to " + OrderQueue.MAX_LIMIT);
            }
        }
        List<Map<String, Object>> out = new ArrayList<>();
        for (CaseView v : orders.list(status.equals("open"), limit)) {
            out.add(json(v, false));
        }
        ctx.json(Map.of("status", status, "count", out.size(), "orders", out));
    }

    private static long id(Context ctx) {
        try {
            long id = Long.parseLong(ctx.pathParam("id"));
            if (id < 1) {
                throw new NumberFormatException();
            }
            return id;
        } catch (NumberFormatException e) {
            throw new BadRequestResponse("incident id must be a positive whole number");
        }
    }

    private static TransitionRequest request(JsonNode n) {
        if (!n.isObject()) {
            throw new BadRequestResponse("a transition is a JSON object {stage, actor, dept?, note?, hours?, rating?, category?}");
        }
        for (Iterator<String> it = n.fieldNames(); it.hasNext(); ) {
            String f = it.next();
            if (!FIELDS.contains(f)) {
                throw new BadRequestResponse("unknown field '" + (f.length() > 40 ? f.substring(0, 40) : f) + "'");
            }
        }
        String stageName = n.path("stage").asText(null);
        CaseStage stage = CaseStage.parse(stageName).filter(s -> s != CaseStage.REPORT).orElseThrow(() -> new BadRequestResponse(
                "unknown stage; expected one of register, dispatch, handle, extend, send_back, check, rework, close,"
                        + " evaluate, reject, take, complete, rate"));
        try {
            return new TransitionRequest(stage, str(n, "actor"), str(n, "dept"), str(n, "note"), integer(n, "hours"),
                    integer(n, "rating"), str(n, "category"));
        } catch (IllegalArgumentException e) {
            throw new BadRequestResponse(e.getMessage());
        }
    }

    private static String str(JsonNode n, String f) {
        JsonNode v = n.get(f);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isTextual()) {
            throw new BadRequestResponse(f + " must be a string");
        }
        return v.asText();
    }

    private static Integer integer(JsonNode n, String f) {
        JsonNode v = n.get(f);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isIntegralNumber() || !v.canConvertToInt()) {
            throw new BadRequestResponse(f + " must be a whole number");
        }
        return v.asInt();
    }

    static Map<String, Object> json(CaseView v, boolean withLog) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", v.id());
        m.put("source", v.source());
        m.put("sourceId", v.sourceId());
        m.put("kind", v.kind());
        m.put("category", v.categoryCode());
        m.put("status", v.status());
        m.put("description", v.description());
        m.put("lon", v.lon());
        m.put("lat", v.lat());
        m.put("grid", v.gridCode());
        m.put("cell", v.cellId());
        m.put("dept", v.dept());
        m.put("reportedAt", str(v.reportedAt()));
        m.put("acceptedAt", str(v.acceptedAt()));
        m.put("registeredAt", str(v.registeredAt()));
        m.put("dispatchedAt", str(v.dispatchedAt()));
        m.put("handledAt", str(v.handledAt()));
        m.put("checkedAt", str(v.checkedAt()));
        m.put("closedAt", str(v.closedAt()));
        m.put("evaluatedAt", str(v.evaluatedAt()));
        m.put("deadline", str(v.deadline()));
        m.put("updatedAt", str(v.updatedAt()));
        m.put("overdue", v.overdueAnnouncedAt() != null);
        m.put("escalated", v.escalatedAt() != null);
        if (v.kind().equals("service_order")) {
            m.put("urgency", v.urgency());
            m.put("vulnerable", v.vulnerable());
            m.put("priority", v.priority());
        }
        m.put("rating", v.rating());
        m.put("photoUrl", v.photoUrl());
        if (withLog) {
            List<Map<String, Object>> log = new ArrayList<>();
            for (CaseEvent e : v.log()) {
                Map<String, Object> x = new LinkedHashMap<>();
                x.put("stage", e.stage());
                x.put("at", str(e.at()));
                x.put("actor", e.actor());
                x.put("dept", e.dept());
                x.put("note", e.note());
                log.add(x);
            }
            m.put("log", log);
        }
        return m;
    }

    private static String str(java.time.Instant i) {
        return i == null ? null : i.toString();
    }

    /** Parses JSON with the intake's hardened reader, mapping malformed input to 400. */
    private static final class ReportReaderBridge {
        static JsonNode tree(byte[] body) {
            try {
                return ReportReader.tree(body);
            } catch (IllegalArgumentException e) {
                throw new BadRequestResponse(e.getMessage());
            }
        }
    }
}
