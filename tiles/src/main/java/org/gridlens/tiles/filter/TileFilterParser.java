package org.gridlens.tiles.filter;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Turns tile query parameters into a {@link TileFilter}, refusing anything it does not understand.
 *
 * <p>Accepted: {@code from}, {@code to} (ISO dates {@code yyyy-MM-dd}, local days in Asia/Shanghai,
 * half-open window, at most {@value #MAX_SPAN_DAYS} days long, not after tomorrow), {@code category},
 * {@code status}, {@code source} (comma-separated codes, each parameter at most once, at most
 * {@value #MAX_CODES} codes each). Category codes are checked against the category table (a cached
 * allow-list); statuses and sources against the fixed lists of the schema. Every failure is an
 * {@link IllegalArgumentException} whose message can be shown to a client as is; rejected text is never
 * echoed back. The cheap checks (names, counts, lengths) run before the category allow-list is asked.
 */
public final class TileFilterParser {

    public static final ZoneId DISTRICT_ZONE = ZoneId.of("Asia/Shanghai");
    public static final int MAX_SPAN_DAYS = 3 * 366;
    public static final int MAX_CODES = 50;
    public static final Set<String> PARAMETERS = Set.of("from", "to", "category", "status", "source");
    public static final Set<String> STATUSES = Set.of("reported", "registered", "dispatched", "handled", "checked",
            "closed", "evaluated", "rejected");
    public static final Set<String> SOURCES = Set.of("hotline", "grid_worker", "camera", "resident_app");
    private static final LocalDate EARLIEST = LocalDate.of(1990, 1, 1);

    private final Predicate<String> knownCategory;
    private final Clock clock;

    /**
     * @param knownCategory allow-list of category codes (e.g. {@link CategoryAllowList})
     * @param clock         "today" for the future check
     */
    public TileFilterParser(Predicate<String> knownCategory, Clock clock) {
        this.knownCategory = knownCategory;
        this.clock = clock;
    }

    /** Parses the query parameters of a tile or TileJSON request (name to values, as sent). */
    public TileFilter parse(Map<String, List<String>> query) {
        for (Map.Entry<String, List<String>> e : query.entrySet()) {
            if (!PARAMETERS.contains(e.getKey())) {
                throw new IllegalArgumentException("unknown query parameter"
                        + (e.getKey().matches("[A-Za-z_]{1,20}") ? " '" + e.getKey() + "'" : "")
                        + "; tiles accept only " + String.join(", ", List.of("from", "to", "category", "status", "source")));
            }
            if (e.getValue().size() > 1) {
                throw new IllegalArgumentException("query parameter '" + e.getKey() + "' is given more than once");
            }
        }
        Optional<LocalDate> from = date(query, "from");
        Optional<LocalDate> to = date(query, "to");
        if (from.isPresent() && to.isPresent()) {
            if (!from.get().isBefore(to.get())) {
                throw new IllegalArgumentException("'from' must be before 'to' (the window is half-open)");
            }
            if (ChronoUnit.DAYS.between(from.get(), to.get()) > MAX_SPAN_DAYS) {
                throw new IllegalArgumentException("the time window is longer than " + MAX_SPAN_DAYS + " days");
            }
        }
        if (from.isEmpty() && to.isPresent() || from.isPresent() && to.isEmpty()) {
            LocalDate a = from.orElse(null);
            LocalDate b = to.orElse(LocalDate.now(clock.withZone(DISTRICT_ZONE)).plusDays(1));
            if (a != null && ChronoUnit.DAYS.between(a, b) > MAX_SPAN_DAYS) {
                throw new IllegalArgumentException("the time window is longer than " + MAX_SPAN_DAYS + " days");
            }
            if (a == null) {
                throw new IllegalArgumentException("'to' needs a 'from' (windows are at most " + MAX_SPAN_DAYS + " days)");
            }
        }
        List<String> statuses = codes(query, "status", "[a-z_]{1,20}");
        List<String> sources = codes(query, "source", "[a-z_]{1,20}");
        List<String> categories = codes(query, "category", "[A-Za-z0-9]{1,12}");
        for (String s : statuses) {
            if (!STATUSES.contains(s)) {
                throw new IllegalArgumentException("unknown status; expected some of " + String.join(", ", new java.util.TreeSet<>(STATUSES)));
            }
        }
        for (String s : sources) {
            if (!SOURCES.contains(s)) {
                throw new IllegalArgumentException("unknown source; expected some of " + String.join(", ", new java.util.TreeSet<>(SOURCES)));
            }
        }
        for (String c : categories) {
            if (!knownCategory.test(c)) {
                throw new IllegalArgumentException("unknown category code '" + c + "'");
            }
        }
        return new TileFilter(from, to, categories, statuses, sources);
    }

    private Optional<LocalDate> date(Map<String, List<String>> query, String key) {
        List<String> v = query.get(key);
        if (v == null || v.isEmpty()) {
            return Optional.empty();
        }
        String s = v.get(0);
        if (!s.matches("\\d{4}-\\d{2}-\\d{2}")) {
            throw new IllegalArgumentException("'" + key + "' must be a date written yyyy-MM-dd");
        }
        LocalDate d;
        try {
            d = LocalDate.parse(s);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("'" + key + "' is not a calendar date");
        }
        LocalDate tomorrow = LocalDate.now(clock.withZone(DISTRICT_ZONE)).plusDays(1);
        if (d.isBefore(EARLIEST) || d.isAfter(tomorrow)) {
            throw new IllegalArgumentException("'" + key + "' must lie between " + EARLIEST + " and tomorrow");
        }
        return Optional.of(d);
    }

    private static List<String> codes(Map<String, List<String>> query, String key, String pattern) {
        List<String> v = query.get(key);
        if (v == null || v.isEmpty()) {
            return List.of();
        }
        String s = v.get(0);
        if (s.length() > MAX_CODES * 14) {
            throw new IllegalArgumentException("'" + key + "' is too long; at most " + MAX_CODES + " codes");
        }
        String[] parts = s.split(",", -1);
        if (parts.length > MAX_CODES) {
            throw new IllegalArgumentException("at most " + MAX_CODES + " codes in '" + key + "', not " + parts.length);
        }
        List<String> out = new ArrayList<>();
        for (String p : parts) {
            if (!p.matches(pattern)) {
                throw new IllegalArgumentException("'" + key + "' holds a malformed code");
            }
            out.add(p);
        }
        return out;
    }
}
