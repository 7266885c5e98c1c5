package org.gridlens.geodata.importing;

/**
 * A whole file cannot be imported (unreadable, wrong type, too large, unsupported CRS, missing tool).
 * Nothing was committed. The message is meant for the data steward: it names the problem and the fix
 * and never contains SQL or a stack trace.
 */
public final class ImportException extends RuntimeException {

    private final boolean tooLarge;

    public ImportException(String message) {
        this(message, false, null);
    }

    public ImportException(String message, Throwable cause) {
        this(message, false, cause);
    }

    private ImportException(String message, boolean tooLarge, Throwable cause) {
        super(message, cause);
        this.tooLarge = tooLarge;
    }

    /** A file or archive over a configured size limit. */
    public static ImportException tooLarge(String message) {
        return new ImportException(message, true, null);
    }

    /** True when the failure is a size limit (HTTP 413), false for any other bad input (HTTP 400). */
    public boolean tooLarge() {
        return tooLarge;
    }
}
