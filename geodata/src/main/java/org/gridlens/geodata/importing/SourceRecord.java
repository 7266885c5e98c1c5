package org.gridlens.geodata.importing;

import java.util.Map;
import org.locationtech.jts.geom.Geometry;

/**
 * One feature or row as read from a source file, before mapping and validation.
 *
 * @param row             1-based row (CSV data line, feature index) used in the report
 * @param attributes      source column name → value as text (nulls omitted)
 * @param geometry        the geometry in the source CRS, or null when absent or unreadable
 * @param geometryProblem why the geometry could not be read, or null
 */
public record SourceRecord(long row, Map<String, String> attributes, Geometry geometry, String geometryProblem) {
    public SourceRecord {
        if (row < 1) {
            throw new IllegalArgumentException("rows are numbered from 1");
        }
        attributes = Map.copyOf(attributes);
    }
}
