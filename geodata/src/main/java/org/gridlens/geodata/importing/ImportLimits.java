package org.gridlens.geodata.importing;

/**
 * Limits that keep a hostile or broken file from exhausting memory, disk or time.
 *
 * @param maxFileBytes         largest accepted source file (the upload, or the zip itself)
 * @param maxUnzippedBytes     largest total size of the entries extracted from a zip (zip-bomb guard)
 * @param maxZipEntries        most entries a zip may hold
 * @param maxNestingDepth      deepest JSON nesting accepted (a GeoJSON MultiPolygon needs 6)
 * @param maxStringLength      longest JSON string or CSV field, in characters
 * @param maxVertices          most vertices of a single geometry
 */
public record ImportLimits(long maxFileBytes, long maxUnzippedBytes, int maxZipEntries, int maxNestingDepth,
                           int maxStringLength, int maxVertices) {

    /** 512 MiB files, 2 GiB unzipped, 64 zip entries, depth 32, 10 M-character strings, 200,000 vertices. */
    public static final ImportLimits DEFAULTS = new ImportLimits(512L << 20, 2L << 30, 64, 32, 10_000_000, 200_000);

    public ImportLimits {
        if (maxFileBytes <= 0 || maxUnzippedBytes <= 0 || maxZipEntries <= 0 || maxNestingDepth < 8 || maxStringLength <= 0
                || maxVertices < 4) {
            throw new IllegalArgumentException("import limits must be positive (nesting depth at least 8, vertices at least 4)");
        }
    }

    public ImportLimits withMaxFileBytes(long bytes) {
        return new ImportLimits(bytes, maxUnzippedBytes, maxZipEntries, maxNestingDepth, maxStringLength, maxVertices);
    }
}
