package org.gridlens.geodata.workflow;

import java.time.Instant;
import java.util.List;

/**
 * What {@link CaseSearch} looks for; null fields do not filter.
 *
 * @param ids          incident ids (at most 1000)
 * @param categoryCode one category code
 * @param from         reported at or after (inclusive)
 * @param to           reported before (exclusive)
 * @param open         true: not closed; false: closed; null: both
 * @param limit        most rows, 1–1000, newest first
 */
public record CaseFilter(List<Long> ids, String categoryCode, Instant from, Instant to, Boolean open, int limit) {

    public CaseFilter {
        if (ids != null && ids.size() > 1000) {
            throw new IllegalArgumentException("at most 1000 ids");
        }
        ids = ids == null ? null : List.copyOf(ids);
        if (limit < 1 || limit > 1000) {
            throw new IllegalArgumentException("limit must lie between 1 and 1000");
        }
        if (from != null && to != null && !from.isBefore(to)) {
            throw new IllegalArgumentException("the start must lie before the end");
        }
    }
}
