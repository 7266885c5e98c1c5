package org.gridlens.geodata.analytics.hotarea;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Hot areas ranked by incident count (largest first), with the parameters used. The incident ids per
 * area are kept for drill-down ({@link #incidentIds(int)}) and are not part of the summary.
 */
public final class HotAreaReport {

    private final HotAreaRequest request;
    private final List<HotArea> areas;
    private final Map<Integer, long[]> ids;

    HotAreaReport(HotAreaRequest request, List<HotArea> areas, Map<Integer, long[]> ids) {
        this.request = Objects.requireNonNull(request);
        this.areas = List.copyOf(areas);
        this.ids = Map.copyOf(ids);
    }

    public HotAreaRequest request() {
        return request;
    }

    public List<HotArea> areas() {
        return areas;
    }

    /** Incident ids of area {@code id}, oldest first; empty for an unknown id. */
    public long[] incidentIds(int id) {
        long[] v = ids.get(id);
        return v == null ? new long[0] : v.clone();
    }
}
