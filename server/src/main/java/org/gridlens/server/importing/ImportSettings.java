package org.gridlens.server.importing;

import org.gridlens.geodata.importing.ImportLimits;
import org.gridlens.server.config.ConfigException;
import org.gridlens.server.config.ConfigKeys;
import org.gridlens.server.config.GridLensConfig;

/** Reads the import settings from the configuration: {@code import.max-bytes} and the limits derived from it. */
public final class ImportSettings {

    private ImportSettings() {
    }

    /** The upload/file size limit, validated (1 KiB .. 16 GiB). */
    public static long maxBytes(GridLensConfig config) {
        String v = config.values().get(ConfigKeys.IMPORT_MAX_BYTES.name()).value();
        try {
            long n = Long.parseLong(v);
            if (n < 1024 || n > (16L << 30)) {
                throw new ConfigException(ConfigKeys.IMPORT_MAX_BYTES.name() + " must be between 1024 and " + (16L << 30));
            }
            return n;
        } catch (NumberFormatException e) {
            throw new ConfigException(ConfigKeys.IMPORT_MAX_BYTES.name() + " must be a whole number of bytes, not '" + v + "'");
        }
    }

    /** Import limits: the file limit from the configuration, zips may expand to four times it. */
    public static ImportLimits limits(GridLensConfig config) {
        long max = maxBytes(config);
        ImportLimits d = ImportLimits.DEFAULTS;
        return new ImportLimits(max, 4 * max, d.maxZipEntries(), d.maxNestingDepth(), d.maxStringLength(), d.maxVertices());
    }
}
