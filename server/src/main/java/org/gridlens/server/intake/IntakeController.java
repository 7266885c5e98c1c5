package org.gridlens.server.intake;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.http.BadRequestResponse;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.gridlens.geodata.intake.GroupCommitter;
import org.gridlens.geodata.intake.IncidentIntake;
import org.gridlens.geodata.intake.IncidentReport;
import org.gridlens.geodata.intake.IntakeOutcome;
import org.gridlens.geodata.intake.IntakeResult;
import org.gridlens.server.http.ApiErrors;

/**
 * {@code POST /api/incidents} and {@code POST /api/incidents/batch}.
 *
 * <p>Single: 201 accepted, 200 duplicate (the original result), 409 conflict, 400 rejected with
 * reasons, 413 over {@code intake.max-record-bytes}. Batch ({@code {"items": [...]}}, 1–10,000
 * reports): 200 with one result per item (accepted / duplicate / conflict / rejected + reasons); a
 * malformed body, an over-long batch or an over-size body refuse the whole request (400/413) and write
 * nothing. Every acknowledgement is sent after the transaction committed.
 *
 * <p>Single reports go through a {@link GroupCommitter}: concurrent ones share a transaction, each
 * still acknowledged only after that transaction committed. When its queue is full: 503 + Retry-After.
 */
public final class IntakeController {

    private final IncidentIntake intake;
    private final GroupCommitter singles;
    private final long maxRecordBytes;
    private final long maxBatchBytes;

    public IntakeController(IncidentIntake intake, GroupCommitter singles, long maxRecordBytes, long maxBatchBytes) {
        this.intake = intake;
        this.singles = singles;
        this.maxRecordBytes = maxRecordBytes;
        this.maxBatchBytes = maxBatchBytes;
    }

    public void single(Context ctx) {
        JsonNode body = parse(BoundedBody.read(ctx, maxRecordBytes));
        ReportReader.Parsed p = ReportReader.read(body);
        IntakeResult r;
        try {
            r = p.report() == null ? IntakeResult.rejected(0, p.sourceId(), p.reasons()) : singles.submit(p.report());
        } catch (GroupCommitter.Overloaded e) {
            ApiErrors.unavailable(ctx, e.getMessage());
            return;
        }
        int status = switch (r.outcome()) {
            case ACCEPTED -> 201;
            case DUPLICATE -> 200;
            case CONFLICT -> 409;
            case REJECTED -> 400;
        };
        if (r.incidentId() != null) {
            ctx.header("Location", "/api/incidents/" + r.incidentId());
        }
        Map<String, Object> out = json(r);
        if (!r.reasons().isEmpty()) {
            out.put("message", String.join("; ", r.reasons()));
        }
        ctx.status(status).json(out);
    }

    public void batch(Context ctx) {
        JsonNode body = parse(BoundedBody.read(ctx, maxBatchBytes));
        JsonNode items = body.isArray() ? body : body.get("items");
        if (items == null || !items.isArray()) {
            throw new BadRequestResponse("a batch is {\"items\": [report, …]}");
        }
        int max = intake.rules().maxBatch();
        if (items.size() == 0 || items.size() > max) {
            throw new BadRequestResponse("a batch holds 1 to " + max + " reports, not " + items.size());
        }
        submitAll(ctx, items);
    }

    private void submitAll(Context ctx, JsonNode items) {
        int n = items.size();
        IntakeResult[] results = new IntakeResult[n];
        List<IncidentReport> valid = new ArrayList<>();
        List<Integer> positions = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            ReportReader.Parsed p = ReportReader.read(items.get(i));
            if (p.report() == null) {
                results[i] = IntakeResult.rejected(i, p.sourceId(), p.reasons());
            } else {
                valid.add(p.report());
                positions.add(i);
            }
        }
        if (!valid.isEmpty()) {
            List<IntakeResult> stored = intake.submit(valid);
            for (int k = 0; k < stored.size(); k++) {
                int i = positions.get(k);
                IntakeResult r = stored.get(k);
                results[i] = new IntakeResult(i, r.sourceId(), r.outcome(), r.incidentId(), r.kind(), r.status(), r.gridCode(),
                        r.cellId(), r.acceptedAt(), r.reasons());
            }
        }
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (IntakeOutcome o : IntakeOutcome.values()) {
            counts.put(o.code(), 0);
        }
        List<Map<String, Object>> out = new ArrayList<>(n);
        for (IntakeResult r : results) {
            counts.merge(r.outcome().code(), 1, Integer::sum);
            out.add(json(r));
        }
        Map<String, Object> body = new LinkedHashMap<>(counts);
        body.put("results", out);
        ctx.status(200).json(body);
    }

    private static JsonNode parse(byte[] body) {
        try {
            return ReportReader.tree(body);
        } catch (IllegalArgumentException e) {
            throw new BadRequestResponse(e.getMessage());
        }
    }

    /** The JSON shape of one result (also used by the batch). */
    public static Map<String, Object> json(IntakeResult r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("index", r.index());
        m.put("sourceId", r.sourceId());
        m.put("outcome", r.outcome().code());
        if (r.incidentId() != null) {
            m.put("id", r.incidentId());
            m.put("kind", r.kind());
            m.put("status", r.status());
            m.put("grid", r.gridCode());
            m.put("cell", r.cellId());
            m.put("acceptedAt", r.acceptedAt() == null ? null : r.acceptedAt().toString());
        }
        if (!r.reasons().isEmpty()) {
            m.put("reasons", r.reasons());
        }
        return m;
    }
}
