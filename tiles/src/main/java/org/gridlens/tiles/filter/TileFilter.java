package org.gridlens.tiles.filter;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;

/**
 * Filters of the incident-based layers, normalised: sets are sorted and without repeats, so two
 * requests that mean the same thing have equal filters (and share cache entries).
 *
 * @param from       first local day (Asia/Shanghai) included, or empty for "since the beginning"
 * @param to         first local day no longer included (half-open window), or empty for "until now"
 * @param categories category codes, or empty for all
 * @param statuses   case statuses, or empty for all
 * @param sources    report sources, or empty for all
 */
public record TileFilter(Optional<LocalDate> from, Optional<LocalDate> to, List<String> categories,
                         List<String> statuses, List<String> sources) {

    public static final TileFilter NONE = new TileFilter(Optional.empty(), Optional.empty(), List.of(), List.of(), List.of());

    public TileFilter {
        categories = List.copyOf(new TreeSet<>(categories));
        statuses = List.copyOf(new TreeSet<>(statuses));
        sources = List.copyOf(new TreeSet<>(sources));
        if (from.isPresent() && to.isPresent() && !from.get().isBefore(to.get())) {
            throw new IllegalArgumentException("'from' must be before 'to'");
        }
    }

    public boolean isNone() {
        return equals(NONE);
    }

    /**
     * True when counting under this filter needs the incident rows themselves: statuses and sources are in
     * no roll-up (a status changes with every case step), while time windows and categories are.
     */
    public boolean needsIncidentRows() {
        return !statuses.isEmpty() || !sources.isEmpty();
    }

    /** The canonical query string of this filter ("" for none), e.g. for TileJSON tile URLs. */
    public String queryString() {
        StringBuilder sb = new StringBuilder();
        from.ifPresent(d -> append(sb, "from", d.toString()));
        to.ifPresent(d -> append(sb, "to", d.toString()));
        if (!categories.isEmpty()) {
            append(sb, "category", String.join(",", categories));
        }
        if (!statuses.isEmpty()) {
            append(sb, "status", String.join(",", statuses));
        }
        if (!sources.isEmpty()) {
            append(sb, "source", String.join(",", sources));
        }
        return sb.toString();
    }

    private static void append(StringBuilder sb, String key, String value) {
        sb.append(sb.length() == 0 ? "" : "&").append(key).append('=').append(value);
    }

    @Override
    public String toString() {
        return queryString().isEmpty() ? "no filter" : queryString();
    }
}
