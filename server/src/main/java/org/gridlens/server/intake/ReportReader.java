package org.gridlens.server.intake;

import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import org.gridlens.geodata.intake.IncidentReport;
import org.gridlens.geodata.intake.IncidentSource;
import org.gridlens.geodata.intake.LocationCrs;
import org.gridlens.geodata.intake.ReportLocation;
import org.gridlens.geodata.intake.Urgency;

/**
 * Turns one JSON report into an {@link IncidentReport}, or into the list of reasons it cannot be one.
 *
 * <pre>
 * {"source": "hotline" | "grid_worker" | "camera" | "resident_app",
 *  "sourceId": "H-2026-000123",
 *  "category": "0101",
 *  "location": {"lon": 101.81, "lat": 36.61, "crs": "WGS84" | "CGCS2000" | "GCJ02"}
 *            | {"addressCode": "…"} | {"housingUnitCode": "…"},
 *  "reportedAt": "2026-11-26T10:00:00+08:00",
 *  "description": "…", "photoUrl": "https://…",
 *  "household": "…", "urgency": "low" | "normal" | "urgent"}      (service orders)
 * </pre>
 * Unknown fields are refused (a misspelt field must not be silently ignored).
 */
public final class ReportReader {

    static final ObjectMapper JSON = new ObjectMapper(JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(32).maxStringLength(1 << 20).build())
            .build());
    private static final Set<String> FIELDS = Set.of("source", "sourceId", "category", "location", "reportedAt",
            "description", "photoUrl", "household", "urgency");
    private static final Set<String> LOCATION_FIELDS = Set.of("lon", "lat", "crs", "addressCode", "housingUnitCode");

    /** Either a report or reasons. */
    public record Parsed(IncidentReport report, String sourceId, List<String> reasons) {
    }

    private ReportReader() {
    }

    /** Parses a body; malformed JSON is a {@link IllegalArgumentException} with a short reason. */
    public static JsonNode tree(byte[] body) {
        try {
            JsonNode n = JSON.readTree(body);
            if (n == null || n.isMissingNode()) {
                throw new IllegalArgumentException("the request body is empty; expected JSON");
            }
            return n;
        } catch (IOException e) {
            String msg = e.getMessage() == null ? "" : e.getMessage().split("\n")[0];
            throw new IllegalArgumentException("malformed JSON: " + (msg.length() > 200 ? msg.substring(0, 200) : msg));
        }
    }

    public static Parsed read(JsonNode n) {
        List<String> reasons = new ArrayList<>();
        if (!n.isObject()) {
            return new Parsed(null, null, List.of("a report must be a JSON object"));
        }
        for (Iterator<String> it = n.fieldNames(); it.hasNext(); ) {
            String f = it.next();
            if (!FIELDS.contains(f)) {
                reasons.add("unknown field '" + clip(f) + "'");
            }
        }
        String sourceId = text(n, "sourceId", reasons, true);
        String sourceName = text(n, "source", reasons, true);
        IncidentSource source = null;
        if (sourceName != null) {
            source = IncidentSource.parse(sourceName).orElse(null);
            if (source == null) {
                reasons.add("unknown source '" + clip(sourceName) + "'; expected hotline, grid_worker, camera or resident_app");
            }
        }
        String category = text(n, "category", reasons, true);
        Instant reportedAt = null;
        String when = text(n, "reportedAt", reasons, true);
        if (when != null) {
            try {
                reportedAt = ReportTimeParser.parse(when);
            } catch (DateTimeParseException e) {
                reasons.add("reportedAt must be an ISO-8601 time with offset, e.g. 2026-11-26T10:00:00+08:00");
            }
        }
        ReportLocation location = location(n.get("location"), reasons);
        String description = text(n, "description", reasons, false);
        String photoUrl = text(n, "photoUrl", reasons, false);
        String household = text(n, "household", reasons, false);
        String urgencyName = text(n, "urgency", reasons, false);
        Urgency urgency = null;
        if (urgencyName != null) {
            urgency = Urgency.parse(urgencyName).orElse(null);
            if (urgency == null) {
                reasons.add("unknown urgency '" + clip(urgencyName) + "'; expected low, normal or urgent");
            }
        }
        if (!reasons.isEmpty()) {
            return new Parsed(null, sourceId, reasons);
        }
        try {
            return new Parsed(new IncidentReport(source, sourceId, category, location, reportedAt, description, photoUrl,
                    household, urgency, false), sourceId, List.of());
        } catch (IllegalArgumentException | NullPointerException e) {
            return new Parsed(null, sourceId, List.of(e.getMessage()));
        }
    }

    private static ReportLocation location(JsonNode l, List<String> reasons) {
        if (l == null || l.isNull()) {
            reasons.add("location is required: {lon, lat, crs}, {addressCode} or {housingUnitCode}");
            return null;
        }
        if (!l.isObject()) {
            reasons.add("location must be an object");
            return null;
        }
        for (Iterator<String> it = l.fieldNames(); it.hasNext(); ) {
            String f = it.next();
            if (!LOCATION_FIELDS.contains(f)) {
                reasons.add("unknown location field '" + clip(f) + "'");
            }
        }
        Double lon = number(l, "lon", reasons);
        Double lat = number(l, "lat", reasons);
        String crsName = text(l, "crs", reasons, false);
        LocationCrs crs = LocationCrs.parse(crsName).orElse(null);
        if (crs == null) {
            reasons.add("unknown crs '" + clip(crsName) + "'; expected WGS84, CGCS2000 or GCJ02");
        }
        String address = text(l, "addressCode", reasons, false);
        String unit = text(l, "housingUnitCode", reasons, false);
        try {
            return new ReportLocation(lon, lat, lon == null && lat == null ? null : crs, address, unit);
        } catch (IllegalArgumentException | NullPointerException e) {
            reasons.add("location: " + e.getMessage());
            return null;
        }
    }

    private static String text(JsonNode n, String field, List<String> reasons, boolean required) {
        JsonNode v = n.get(field);
        if (v == null || v.isNull()) {
            if (required) {
                reasons.add(field + " is required");
            }
            return null;
        }
        if (!v.isTextual()) {
            reasons.add(field + " must be a string");
            return null;
        }
        return v.asText();
    }

    private static Double number(JsonNode n, String field, List<String> reasons) {
        JsonNode v = n.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isNumber()) {
            reasons.add("location." + field + " must be a number");
            return null;
        }
        return v.asDouble();
    }

    private static String clip(String s) {
        return s == null ? "null" : s.length() > 40 ? s.substring(0, 40) + "…" : s;
    }
}
