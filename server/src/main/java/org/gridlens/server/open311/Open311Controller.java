package org.gridlens.server.open311;

import io.javalin.http.Context;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.gridlens.geodata.intake.Category;
import org.gridlens.geodata.intake.CategoryCodes;
import org.gridlens.geodata.intake.IncidentIntake;
import org.gridlens.geodata.intake.IncidentReport;
import org.gridlens.geodata.intake.IncidentSource;
import org.gridlens.geodata.intake.IntakeOutcome;
import org.gridlens.geodata.intake.IntakeResult;
import org.gridlens.geodata.intake.LocationCrs;
import org.gridlens.geodata.intake.ReportLocation;
import org.gridlens.geodata.intake.Urgency;
import org.gridlens.geodata.workflow.CaseFilter;
import org.gridlens.geodata.workflow.CaseSearch;
import org.gridlens.geodata.workflow.CaseView;
import org.gridlens.server.intake.BoundedBody;

/**
 * Open311 GeoReport v2 (JSON and XML formats) over intake and cases.
 *
 * <ul>
 *   <li>{@code GET services.json}: every minor class of the code list; service orders (S…) have
 *       metadata (attributes household, urgency).</li>
 *   <li>{@code GET services/{code}.json}: the service definition with its attributes.</li>
 *   <li>{@code POST requests.json} (form-encoded): service_code, lat + long (WGS84, as the spec says)
 *       or address_id (an address code), description, media_url, attribute[household],
 *       attribute[urgency]. Stored through intake with source resident_app; the client's id is the
 *       {@code Idempotency-Key} header or attribute[request_id] (without one a fresh id is made, so a
 *       retried POST may duplicate — GeoReport v2 has no client id).</li>
 *   <li>{@code GET requests.json}: service_request_id (comma list), service_code, start_date,
 *       end_date (at most 90 days apart; default the last 90 days), status open|closed.</li>
 *   <li>{@code GET requests/{id}.json}.</li>
 * </ul>
 * Status is open until the case is closed; the seven-stage status is in the extension field
 * {@code extended_attributes.gridlens_status}. Errors use the GeoReport shape
 * {@code [{"code": 400, "description": "…"}]}. Every endpoint also answers in the spec's XML form when
 * its path ends in {@code .xml} instead of {@code .json} (same fields, see {@link GeoReportXmlWriter}).
 */
public final class Open311Controller {

    private static final ZoneId LOCAL = ZoneId.of("Asia/Shanghai");
    private final IncidentIntake intake;
    private final CaseSearch search;
    private final CategoryCodes categories;
    private final long maxBodyBytes;

    public Open311Controller(IncidentIntake intake, CaseSearch search, CategoryCodes categories, long maxBodyBytes) {
        this.intake = intake;
        this.search = search;
        this.categories = categories;
        this.maxBodyBytes = maxBodyBytes;
    }

    public void services(Context ctx) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (Category c : categories.all()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("service_code", c.code());
            m.put("service_name", c.nameEn() + " " + c.nameZh());
            m.put("description", c.nameEn() + (c.timeLimitHours() == null ? "" : "; time limit " + c.timeLimitHours() + " h"));
            m.put("metadata", c.kind().equals("service_order"));
            m.put("type", "realtime");
            m.put("keywords", c.kind());
            m.put("group", c.groupName());
            out.add(m);
        }
        respond(ctx, "services", "service", out);
    }

    public void service(Context ctx) {
        String code = stripFormat(ctx, ctx.pathParam("code"));
        if (code == null) {
            return;
        }
        Category c = categories.find(code).orElse(null);
        if (c == null) {
            error(ctx, 404, "unknown service_code");
            return;
        }
        List<Map<String, Object>> attributes = new ArrayList<>();
        if (c.kind().equals("service_order")) {
            attributes.add(attribute("household", "string", true, 1, "Housing-unit code of the ordering household", List.of()));
            List<Map<String, String>> values = new ArrayList<>();
            for (Urgency u : Urgency.values()) {
                values.add(Map.of("key", u.code(), "name", u.code()));
            }
            attributes.add(attribute("urgency", "singlevaluelist", false, 2, "How urgent the order is", values));
        }
        attributes.add(attribute("request_id", "string", false, 3,
                "Your id of this request; resending it never creates a duplicate", List.of()));
        Map<String, Object> definition = new LinkedHashMap<>();
        definition.put("service_code", c.code());
        definition.put("attributes", attributes);
        respond(ctx, "service_definition", null, definition);
    }

    public void post(Context ctx) {
        Map<String, List<String>> form;
        try {
            form = parseForm(new String(BoundedBody.read(ctx, maxBodyBytes), StandardCharsets.UTF_8));
        } catch (IllegalArgumentException e) {
            error(ctx, 400, "malformed form encoding");
            return;
        }
        String code = first(form, "service_code");
        if (code == null) {
            error(ctx, 400, "service_code is required");
            return;
        }
        String sourceId = ctx.header("Idempotency-Key");
        if (sourceId == null) {
            sourceId = first(form, "attribute[request_id]");
        }
        if (sourceId == null) {
            sourceId = "o311-" + UUID.randomUUID();
        }
        ReportLocation location;
        try {
            String lat = first(form, "lat");
            String lon = first(form, "long");
            String addressId = first(form, "address_id");
            if (lat != null || lon != null) {
                location = ReportLocation.point(Double.parseDouble(lon), Double.parseDouble(lat), LocationCrs.WGS84);
            } else if (addressId != null) {
                location = ReportLocation.address(addressId);
            } else {
                error(ctx, 400, first(form, "address_string") != null
                        ? "address_string alone cannot be located; give lat and long, or address_id"
                        : "a location is required: lat and long, or address_id");
                return;
            }
            String urgency = first(form, "attribute[urgency]");
            Urgency u = urgency == null ? null : Urgency.parse(urgency).orElseThrow(
                    () -> new IllegalArgumentException("attribute[urgency] must be low, normal or urgent"));
            IncidentReport report = new IncidentReport(IncidentSource.RESIDENT_APP, sourceId, code, location, Instant.now(),
                    first(form, "description"), first(form, "media_url"), first(form, "attribute[household]"), u, true);
            IntakeResult r = intake.submit(report);
            if (r.outcome() == IntakeOutcome.REJECTED || r.outcome() == IntakeOutcome.CONFLICT) {
                error(ctx, r.outcome() == IntakeOutcome.CONFLICT ? 409 : 400, String.join("; ", r.reasons()));
                return;
            }
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("service_request_id", String.valueOf(r.incidentId()));
            m.put("service_notice", "grid " + r.gridCode());
            m.put("account_id", null);
            ctx.status(r.outcome() == IntakeOutcome.ACCEPTED ? 201 : 200);
            respond(ctx, "service_requests", "request", List.of(m));
        } catch (NumberFormatException | NullPointerException e) {
            error(ctx, 400, "lat and long must both be decimal degrees");
        } catch (IllegalArgumentException e) {
            error(ctx, 400, e.getMessage());
        }
    }

    public void list(Context ctx) {
        try {
            List<Long> ids = null;
            String idList = ctx.queryParam("service_request_id");
            if (idList != null) {
                ids = new ArrayList<>();
                for (String s : idList.split(",")) {
                    ids.add(Long.parseLong(s.trim()));
                }
            }
            Instant end = date(ctx.queryParam("end_date"));
            Instant start = date(ctx.queryParam("start_date"));
            if (ids == null) {
                end = end == null ? Instant.now().plusSeconds(1) : end;
                start = start == null ? end.minus(java.time.Duration.ofDays(90)) : start;
                if (java.time.Duration.between(start, end).toDays() > 90) {
                    error(ctx, 400, "start_date and end_date may lie at most 90 days apart");
                    return;
                }
            }
            String status = ctx.queryParam("status");
            Boolean open = status == null ? null : switch (status) {
                case "open" -> Boolean.TRUE;
                case "closed" -> Boolean.FALSE;
                default -> throw new IllegalArgumentException("status must be open or closed");
            };
            List<Map<String, Object>> out = new ArrayList<>();
            for (CaseView v : search.search(new CaseFilter(ids, ctx.queryParam("service_code"), start, end, open, 1000))) {
                out.add(record(v));
            }
            respond(ctx, "service_requests", "request", out);
        } catch (NumberFormatException e) {
            error(ctx, 400, "service_request_id must be a comma-separated list of ids");
        } catch (IllegalArgumentException e) {
            error(ctx, 400, e.getMessage());
        }
    }

    public void request(Context ctx) {
        String id = stripFormat(ctx, ctx.pathParam("id"));
        if (id == null) {
            return;
        }
        long n;
        try {
            n = Long.parseLong(id);
        } catch (NumberFormatException e) {
            error(ctx, 400, "service_request_id must be a whole number");
            return;
        }
        List<CaseView> found = search.search(new CaseFilter(List.of(n), null, null, null, null, 1));
        if (found.isEmpty()) {
            error(ctx, 404, "no such service request");
            return;
        }
        respond(ctx, "service_requests", "request", List.of(record(found.get(0))));
    }

    private Map<String, Object> record(CaseView v) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("service_request_id", String.valueOf(v.id()));
        m.put("status", v.closedAt() == null ? "open" : "closed");
        m.put("status_notes", v.status());
        m.put("service_name", categories.find(v.categoryCode()).map(Category::nameEn).orElse(v.categoryCode()));
        m.put("service_code", v.categoryCode());
        m.put("description", v.description());
        m.put("agency_responsible", v.dept());
        m.put("service_notice", null);
        m.put("requested_datetime", iso(v.reportedAt()));
        m.put("updated_datetime", iso(v.updatedAt()));
        m.put("expected_datetime", iso(v.deadline()));
        m.put("address", null);
        m.put("address_id", null);
        m.put("zipcode", null);
        m.put("lat", v.lat());
        m.put("long", v.lon());
        m.put("media_url", v.photoUrl());
        m.put("extended_attributes", Map.of("gridlens_status", v.status(), "grid", String.valueOf(v.gridCode())));
        return m;
    }

    private static String iso(Instant i) {
        return i == null ? null : OffsetDateTime.ofInstant(i, LOCAL).toString();
    }

    private static Instant date(String s) {
        if (s == null || s.isBlank()) {
            return null;
        }
        try {
            return OffsetDateTime.parse(s).toInstant();
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("dates must be ISO 8601 with offset, e.g. 2026-11-26T00:00:00+08:00");
        }
    }

    private static String stripFormat(Context ctx, String p) {
        if (!p.endsWith(".json") && !p.endsWith(".xml")) {
            error(ctx, 400, "the format is .json or .xml");
            return null;
        }
        return p.substring(0, p.lastIndexOf('.'));
    }

    /** The answer as JSON, or as GeoReport XML when the path ends in .xml. */
    private static void respond(Context ctx, String root, String item, Object body) {
        if (ctx.path().endsWith(".xml")) {
            ctx.contentType("application/xml; charset=utf-8").result(GeoReportXmlWriter.write(root, item, body));
        } else {
            ctx.json(body);
        }
    }

    /** application/x-www-form-urlencoded → key → values; malformed escapes are refused. */
    static Map<String, List<String>> parseForm(String body) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        for (String pair : body.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String k = java.net.URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String v = eq < 0 ? "" : java.net.URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            out.computeIfAbsent(k, x -> new ArrayList<>()).add(v);
        }
        return out;
    }

    private static String first(Map<String, List<String>> form, String key) {
        List<String> v = form.get(key);
        return v == null || v.isEmpty() || v.get(0).isBlank() ? null : v.get(0);
    }

    private static Map<String, Object> attribute(String code, String type, boolean required, int order, String description,
                                                 List<Map<String, String>> values) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("variable", true);
        m.put("code", code);
        m.put("datatype", type);
        m.put("required", required);
        m.put("datatype_description", null);
        m.put("order", order);
        m.put("description", description);
        if (!values.isEmpty()) {
            m.put("values", values);
        }
        return m;
    }

    private static void error(Context ctx, int status, String description) {
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("code", status);
        e.put("description", description);
        ctx.status(status);
        respond(ctx, "errors", "error", List.of(e));
    }
}
