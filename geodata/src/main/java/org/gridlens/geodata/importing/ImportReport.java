package org.gridlens.geodata.importing;

import java.util.List;
import java.util.Map;

/**
 * What one import did. {@code read = inserted + updated + unchanged + rejected}.
 *
 * @param layer            layer imported into
 * @param format           source format
 * @param crs              CRS the coordinates were read in
 * @param encoding         text encoding used ("binary" for GeoPackage)
 * @param read             rows read
 * @param inserted         new rows written
 * @param updated          existing rows (same id) changed
 * @param unchanged        existing rows identical to the file
 * @param rejected         rows not written (each has at least one REJECTED issue)
 * @param repaired         rows written after repair
 * @param reassigned       joins re-derived by a region import (incidents, buildings, unit cells → count)
 * @param issues           the first {@value #MAX_ISSUES} issues, in row order
 * @param issuesTotal      the number of issues found
 */
public record ImportReport(String layer, String format, String crs, String encoding, long read, long inserted, long updated,
                           long unchanged, long rejected, long repaired, Map<String, Long> reassigned, List<ImportIssue> issues,
                           long issuesTotal) {

    public static final int MAX_ISSUES = 1000;

    public ImportReport {
        if (read != inserted + updated + unchanged + rejected) {
            throw new IllegalArgumentException("counts do not add up: read " + read + " != " + inserted + " + " + updated + " + "
                    + unchanged + " + " + rejected);
        }
        reassigned = Map.copyOf(reassigned);
        issues = List.copyOf(issues);
    }
}
