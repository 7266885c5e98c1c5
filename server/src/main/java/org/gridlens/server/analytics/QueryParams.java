package org.gridlens.server.analytics;

import io.javalin.http.BadRequestResponse;
import io.javalin.http.Context;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.gridlens.geodata.analytics.IncidentFilter;
import org.gridlens.geodata.analytics.TimeWindow;

/**
 * Strict reading of query parameters for one endpoint: unknown or repeated parameters are refused,
 * numbers must be plain finite decimals, dates ISO yyyy-MM-dd; every failure is a 400 whose message
 * names the parameter (and never echoes more than it needs).
 */
final class QueryParams {

    private static final Pattern NUMBER = Pattern.compile("-?\\d{1,9}(\\.\\d{1,12})?");
    private static final Pattern INTEGER = Pattern.compile("-?\\d{1,9}");
    private final Context ctx;

    QueryParams(Context ctx, Set<String> allowed) {
        this.ctx = ctx;
        for (var e : ctx.queryParamMap().entrySet()) {
            if (!allowed.contains(e.getKey())) {
                throw new BadRequestResponse("unknown parameter; allowed: " + allowed.stream().sorted().toList());
            }
            if (e.getValue().size() > 1) {
                throw new BadRequestResponse("parameter '" + e.getKey() + "' is repeated");
            }
        }
    }

    String string(String name) {
        return ctx.queryParam(name);
    }

    double number(String name, double dflt) {
        String v = ctx.queryParam(name);
        if (v == null || v.isEmpty()) {
            return dflt;
        }
        if (!NUMBER.matcher(v).matches()) {
            throw new BadRequestResponse("'" + name + "' must be a plain decimal number");
        }
        return Double.parseDouble(v);
    }

    Double optionalNumber(String name) {
        String v = ctx.queryParam(name);
        return v == null || v.isEmpty() ? null : number(name, 0);
    }

    int integer(String name, int dflt) {
        String v = ctx.queryParam(name);
        if (v == null || v.isEmpty()) {
            return dflt;
        }
        if (!INTEGER.matcher(v).matches()) {
            throw new BadRequestResponse("'" + name + "' must be a whole number");
        }
        return Integer.parseInt(v);
    }

    Integer optionalInteger(String name) {
        String v = ctx.queryParam(name);
        return v == null || v.isEmpty() ? null : integer(name, 0);
    }

    boolean bool(String name, boolean dflt) {
        String v = ctx.queryParam(name);
        if (v == null || v.isEmpty()) {
            return dflt;
        }
        return switch (v) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new BadRequestResponse("'" + name + "' must be true or false");
        };
    }

    /** The window from 'from'/'to' (to exclusive; default: the 365 days up to and including today). */
    TimeWindow window(LocalDate today, int defaultDays) {
        LocalDate to = date("to", today.plusDays(1));
        LocalDate from = date("from", to.minusDays(defaultDays));
        try {
            return new TimeWindow(from, to).requireStarted(today);
        } catch (IllegalArgumentException e) {
            throw new BadRequestResponse(e.getMessage());
        }
    }

    private LocalDate date(String name, LocalDate dflt) {
        String v = ctx.queryParam(name);
        if (v == null || v.isEmpty()) {
            return dflt;
        }
        try {
            if (v.length() != 10) {
                throw new DateTimeParseException("length", v, 0);
            }
            return LocalDate.parse(v);
        } catch (DateTimeParseException e) {
            throw new BadRequestResponse("'" + name + "' must be a date like 2026-05-01");
        }
    }

    /** Categories ('categories', comma-separated codes) and sources ('sources'). */
    IncidentFilter filter() {
        try {
            return new IncidentFilter(list("categories"), list("sources"));
        } catch (IllegalArgumentException e) {
            throw new BadRequestResponse(e.getMessage());
        }
    }

    private Set<String> list(String name) {
        String v = ctx.queryParam(name);
        if (v == null || v.isBlank()) {
            return Set.of();
        }
        List<String> parts = List.of(v.split(",", -1));
        if (parts.size() > 100) {
            throw new BadRequestResponse("'" + name + "' lists more than 100 values");
        }
        return new LinkedHashSet<>(parts.stream().map(String::trim).toList());
    }

    /** "json" (default), "geojson" or "csv" among {@code allowed}. */
    String format(Set<String> allowed, String dflt) {
        String v = ctx.queryParam("format");
        if (v == null || v.isEmpty()) {
            return dflt;
        }
        if (!allowed.contains(v)) {
            throw new BadRequestResponse("'format' must be one of " + allowed.stream().sorted().toList());
        }
        return v;
    }
}
