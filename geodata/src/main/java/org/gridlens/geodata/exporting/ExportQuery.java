package org.gridlens.geodata.exporting;

import java.time.OffsetDateTime;
import java.util.Objects;

/**
 * What to export.
 *
 * @param layer      the layer
 * @param regionCode only features intersecting this region (any level), or null for all
 * @param from       only features with time ≥ from (layers with a time column), or null
 * @param to         only features with time &lt; to, or null
 * @param bbox       {west, south, east, north} in WGS84, or null
 * @param featureId  only the feature with this id, or null
 * @param limit      at most this many features (0 = no limit)
 * @param offset     skip this many features (ordered by id)
 */
public record ExportQuery(ExportLayer layer, String regionCode, OffsetDateTime from, OffsetDateTime to, double[] bbox,
                          Long featureId, long limit, long offset) {
    public ExportQuery {
        Objects.requireNonNull(layer, "layer");
        if (limit < 0 || offset < 0) {
            throw new IllegalArgumentException("limit and offset must be >= 0");
        }
        if (bbox != null && (bbox.length != 4 || bbox[0] > bbox[2] || bbox[1] > bbox[3] || !Double.isFinite(bbox[0] + bbox[1] + bbox[2] + bbox[3]))) {
            throw new IllegalArgumentException("bbox must be west,south,east,north with west <= east and south <= north");
        }
        if (from != null && to != null && from.isAfter(to)) {
            throw new IllegalArgumentException("the time window ends before it starts");
        }
        if (regionCode != null && !regionCode.matches("\\d{6,15}")) {
            throw new IllegalArgumentException("a region code is 6 to 15 digits");
        }
    }

    public static ExportQuery all(ExportLayer layer) {
        return new ExportQuery(layer, null, null, null, null, null, 0, 0);
    }
}
