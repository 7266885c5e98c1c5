package org.gridlens.geodata.importing;

/**
 * One problem found in one row.
 *
 * @param row      1-based row in the source file (0 for problems of the layer as a whole, e.g. grid tiling)
 * @param field    dictionary field (or source column) concerned
 * @param value    the offending value as text, shortened to 200 characters, or null
 * @param reason   what is wrong, for a data steward
 * @param outcome  what the importer did
 */
public record ImportIssue(long row, String field, String value, String reason, Outcome outcome) {

    /** What happened to the row. */
    public enum Outcome {
        /** The row was not written. */
        REJECTED,
        /** The row was written after an automatic repair (ST_MakeValid). */
        REPAIRED,
        /** Written; the layer as a whole has a problem to look at (grid tiling). */
        WARNING
    }

    public ImportIssue {
        if (row < 0) {
            throw new IllegalArgumentException("row must be >= 0");
        }
        if (value != null && value.length() > 200) {
            value = value.substring(0, 197) + "...";
        }
    }
}
