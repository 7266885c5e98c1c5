package org.gridlens.geodata.demo;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import org.gridlens.geodata.db.CopyText;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.io.ByteOrderValues;
import org.locationtech.jts.io.WKBWriter;

/**
 * Encodes rows in PostgreSQL's COPY text format (tab-separated, {@code \N} for NULL, backslash
 * escapes) and streams them as UTF-8, counting rows. Geometries go out as hex EWKB with SRID 4326
 * (little-endian, 2D). Timestamps are written with an explicit +08 offset (Asia/Shanghai has no
 * DST), so the bytes, and thus the checksum, never depend on the session time zone.
 *
 * <p>Not thread-safe; one writer per table. {@link #close()} flushes but does not close the target.
 */
final class CopyWriter implements AutoCloseable {

    static final int SRID = 4326;
    private static final char[] HEX = "0123456789ABCDEF".toCharArray();
    private static final ZoneOffset CST = ZoneOffset.ofHours(8);

    private final OutputStream out;
    private final StringBuilder row = new StringBuilder(256);
    private final StringBuilder buffer = new StringBuilder(1 << 16);
    private final WKBWriter wkb = new WKBWriter(2, ByteOrderValues.LITTLE_ENDIAN, true);
    private boolean firstField = true;
    private long rows;

    CopyWriter(OutputStream out) {
        this.out = out;
    }

    long rows() {
        return rows;
    }

    private StringBuilder next() {
        if (!firstField) {
            row.append('\t');
        }
        firstField = false;
        return row;
    }

    CopyWriter nul() {
        next().append("\\N");
        return this;
    }

    CopyWriter num(long v) {
        next().append(v);
        return this;
    }

    CopyWriter numOrNull(Long v) {
        return v == null ? nul() : num(v);
    }

    /** A double rounded to {@code decimals} places (plain notation). */
    CopyWriter dec(double v, int decimals) {
        StringBuilder b = next();
        double scale = Math.pow(10, decimals);
        long scaled = Math.round(v * scale);
        if (scaled < 0) {
            b.append('-');
            scaled = -scaled;
        }
        b.append(scaled / (long) scale);
        if (decimals > 0) {
            b.append('.');
            String frac = Long.toString(scaled % (long) scale);
            for (int i = frac.length(); i < decimals; i++) {
                b.append('0');
            }
            b.append(frac);
        }
        return this;
    }

    CopyWriter bool(boolean v) {
        next().append(v ? 't' : 'f');
        return this;
    }

    CopyWriter text(String s) {
        if (s == null) {
            return nul();
        }
        CopyText.appendEscaped(next(), s);
        return this;
    }

    /** A text[] literal from simple tokens (letters, digits, underscore only). */
    CopyWriter textArray(String[] items) {
        StringBuilder b = next().append('{');
        for (int i = 0; i < items.length; i++) {
            if (i > 0) {
                b.append(',');
            }
            b.append(items[i]);
        }
        b.append('}');
        return this;
    }

    /** A timestamptz from epoch seconds, or NULL when {@code epochSecond == Long.MIN_VALUE}. */
    CopyWriter time(long epochSecond) {
        if (epochSecond == Long.MIN_VALUE) {
            return nul();
        }
        LocalDateTime t = LocalDateTime.ofEpochSecond(epochSecond, 0, CST);
        StringBuilder b = next();
        b.append(t.getYear()).append('-');
        two(b, t.getMonthValue()).append('-');
        two(b, t.getDayOfMonth()).append(' ');
        two(b, t.getHour()).append(':');
        two(b, t.getMinute()).append(':');
        two(b, t.getSecond()).append("+08");
        return this;
    }

    CopyWriter date(java.time.LocalDate d) {
        return d == null ? nul() : text(d.toString());
    }

    private static StringBuilder two(StringBuilder b, int v) {
        if (v < 10) {
            b.append('0');
        }
        return b.append(v);
    }

    CopyWriter geom(Geometry g) {
        g.setSRID(SRID);
        byte[] bytes = wkb.write(g);
        StringBuilder b = next();
        for (byte x : bytes) {
            b.append(HEX[(x >> 4) & 0xF]).append(HEX[x & 0xF]);
        }
        return this;
    }

    /** A Point EWKB written directly (same bytes as WKBWriter would produce, without allocating a geometry). */
    CopyWriter point(double lon, double lat) {
        StringBuilder b = next().append("0101000020E6100000");
        hexDouble(b, lon);
        hexDouble(b, lat);
        return this;
    }

    private static void hexDouble(StringBuilder b, double v) {
        long bits = Double.doubleToRawLongBits(v);
        for (int i = 0; i < 8; i++) {
            int x = (int) (bits >>> (8 * i)) & 0xFF;
            b.append(HEX[x >> 4]).append(HEX[x & 0xF]);
        }
    }

    void endRow() {
        row.append('\n');
        buffer.append(row);
        row.setLength(0);
        firstField = true;
        rows++;
        if (buffer.length() >= (1 << 16) - 4096) {
            flushBuffer();
        }
    }

    /** Appends rows already encoded by another CopyWriter (e.g. a buffered stage log). */
    void appendEncoded(byte[] encoded, long rowCount) {
        flushBuffer();
        try {
            out.write(encoded);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        rows += rowCount;
    }

    private void flushBuffer() {
        try {
            out.write(buffer.toString().getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        buffer.setLength(0);
    }

    @Override
    public void close() {
        flushBuffer();
        try {
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
