package org.gridlens.geodata.db;

/**
 * Values in PostgreSQL's COPY text format: backslash, tab, newline and carriage return escaped, so a
 * value never ends its column or row early. Used by the staging writers (intake batches, imports) and the demo loader.
 */
public final class CopyText {

    private CopyText() {
    }

    /** Appends {@code s} escaped for a COPY text column (bulk-copied when nothing needs escaping). */
    public static void appendEscaped(StringBuilder line, CharSequence s) {
        if (!needsEscape(s)) {
            line.append(s); // one bulk copy: the common case
            return;
        }
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            switch (ch) {
                case '\\' -> line.append("\\\\");
                case '\t' -> line.append("\\t");
                case '\n' -> line.append("\\n");
                case '\r' -> line.append("\\r");
                default -> line.append(ch);
            }
        }
    }

    private static boolean needsEscape(CharSequence s) {
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            if (ch == '\\' || ch == '\t' || ch == '\n' || ch == '\r') {
                return true;
            }
        }
        return false;
    }
}
