package org.gridlens.geodata.time;

/**
 * Reads fixed-width decimal fields ({@code 2026}, {@code 09}) out of date-time text without a formatter:
 * the fast paths of the importers' and intake's time parsers, which hand every text they do not
 * recognise to {@code java.time}'s formatters.
 *
 * <p>Guarantees: only ASCII {@code 0}–{@code 9} count as digits (no other Unicode digits, no sign, no
 * blank). Limits: at most 9 digits per field (an {@code int}); the caller checks that the range lies
 * inside the text.
 */
public final class AsciiDigits {

    private AsciiDigits() {
    }

    /** True for {@code '0'} to {@code '9'} only. */
    public static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    /** The decimal number in {@code text[from, from + count)}, or -1 when a character is not a digit. */
    public static int value(CharSequence text, int from, int count) {
        int v = 0;
        for (int i = from; i < from + count; i++) {
            char c = text.charAt(i);
            if (!isDigit(c)) {
                return -1;
            }
            v = v * 10 + (c - '0');
        }
        return v;
    }
}
