package org.gridlens.geodata.analytics;

import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Which incidents count: category codes (a level-1 code like "05" also selects its sub-categories
 * "0501", "0502" …) and reporting sources. An empty set means "all". Codes are validated so they are
 * safe as LIKE prefixes (letters and digits only).
 */
public record IncidentFilter(Set<String> categories, Set<String> sources) {

    /** Reporting sources accepted, as in the incident table. */
    public static final Set<String> SOURCES = Set.of("hotline", "grid_worker", "camera", "resident_app");
    private static final Pattern CODE = Pattern.compile("[0-9A-Za-z]{1,12}");
    /** No filter. */
    public static final IncidentFilter ALL = new IncidentFilter(Set.of(), Set.of());

    public IncidentFilter {
        categories = Set.copyOf(Objects.requireNonNull(categories, "categories"));
        sources = Set.copyOf(Objects.requireNonNull(sources, "sources"));
        if (categories.size() > 100) {
            throw new IllegalArgumentException("at most 100 categories");
        }
        for (String c : categories) {
            if (!CODE.matcher(c).matches()) {
                throw new IllegalArgumentException("category code must be 1-12 letters or digits");
            }
        }
        for (String s : sources) {
            if (!SOURCES.contains(s)) {
                throw new IllegalArgumentException("unknown source; expected one of " + SOURCES.stream().sorted().toList());
            }
        }
    }

    /** LIKE patterns ("05%") for the category codes, sorted. */
    public String[] categoryPatterns() {
        return categories.stream().sorted().map(c -> c + "%").toArray(String[]::new);
    }

    /** Sources, sorted. */
    public String[] sourceArray() {
        return sources.stream().sorted().toArray(String[]::new);
    }

    /** A stable text form for cache keys. */
    public String key() {
        return String.join(",", List.of(categoryPatterns())) + "|" + String.join(",", List.of(sourceArray()));
    }
}
