package org.gridlens.geodata.db;

import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Reads PostgreSQL's binary COPY format ({@code COPY (…) TO STDOUT (FORMAT binary)}) row by row and
 * field by field, straight from a byte buffer: a row of fixed-width numbers costs no object per field,
 * and a text code column ({@link #code}) is mapped to a small number without a {@code String} per row.
 * This is what makes reading a million rows cheap where a JDBC result set allocates a byte array per
 * field.
 *
 * <p>Guarantees: the header signature is checked; every field's length is checked against its type, so a
 * column list that drifts from the reader's expectation fails loudly instead of misreading bytes; a NULL
 * where a value is required fails. Limits: only the types read here (int2, int4, int8, float8, timestamptz
 * with integer datetimes, text codes); header extensions are skipped; not thread-safe.
 */
public final class BinaryCopyReader implements Closeable {

    private static final byte[] SIGNATURE = {'P', 'G', 'C', 'O', 'P', 'Y', '\n', (byte) 0xFF, '\r', '\n', 0};
    /** Microseconds between the Unix epoch and PostgreSQL's (2000-01-01 00:00 UTC). */
    private static final long PG_EPOCH_MICROS = 946_684_800_000_000L;

    private final InputStream in;
    private byte[] buf = new byte[1 << 16];
    private int pos;
    private int limit;

    /** Reads and checks the header. */
    public BinaryCopyReader(InputStream in) throws IOException {
        this.in = in;
        require(SIGNATURE.length + 8);
        if (!Arrays.equals(buf, 0, SIGNATURE.length, SIGNATURE, 0, SIGNATURE.length)) {
            throw new IOException("not a binary COPY stream (bad signature)");
        }
        pos = SIGNATURE.length;
        int flags = readInt();
        if ((flags & (1 << 16)) != 0) {
            throw new IOException("binary COPY with OIDs is not supported");
        }
        int extension = readInt();
        if (extension < 0) {
            throw new IOException("bad binary COPY header extension length " + extension);
        }
        skip(extension);
    }

    /**
     * Moves to the next row.
     *
     * @param fields the number of fields every row must have
     * @return false at the end of the data (the trailer)
     */
    public boolean nextRow(int fields) throws IOException {
        require(2);
        short n = (short) (((buf[pos] & 0xFF) << 8) | (buf[pos + 1] & 0xFF));
        pos += 2;
        if (n == -1) {
            drain();
            return false;
        }
        if (n != fields) {
            throw new IOException("binary COPY row has " + n + " fields, expected " + fields);
        }
        return true;
    }

    public short int2() throws IOException {
        fieldLength(2, "int2");
        short v = (short) (((buf[pos] & 0xFF) << 8) | (buf[pos + 1] & 0xFF));
        pos += 2;
        return v;
    }

    public int int4() throws IOException {
        fieldLength(4, "int4");
        return readInt();
    }

    public long int8() throws IOException {
        fieldLength(8, "int8");
        return readLong();
    }

    public double float8() throws IOException {
        fieldLength(8, "float8");
        return Double.longBitsToDouble(readLong());
    }

    /** A timestamptz as microseconds since the Unix epoch (the server must use integer datetimes, the default). */
    public long timestamptzMicros() throws IOException {
        fieldLength(8, "timestamptz");
        return readLong() + PG_EPOCH_MICROS;
    }

    /** A non-NULL text field, as its number in {@code codes} (added when new). */
    public int code(Codes codes) throws IOException {
        int n = readInt();
        if (n < 0) {
            throw new IOException("unexpected NULL in a text code column");
        }
        require(n);
        int code = codes.number(buf, pos, n);
        pos += n;
        return code;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }

    /**
     * Reads the stream to its end after the trailer, so the COPY completes normally on the connection
     * (closing a COPY stream early cancels it).
     */
    private void drain() throws IOException {
        pos = 0;
        limit = 0;
        while (in.read(buf, 0, buf.length) >= 0) {
            // nothing follows the trailer but the end of the COPY
        }
    }

    private void fieldLength(int expected, String type) throws IOException {
        int n = readInt();
        if (n != expected) {
            throw new IOException(n < 0 ? "unexpected NULL in a " + type + " column"
                    : "a " + type + " field has " + n + " bytes, expected " + expected);
        }
        require(expected);
    }

    private int readInt() throws IOException {
        require(4);
        int v = ((buf[pos] & 0xFF) << 24) | ((buf[pos + 1] & 0xFF) << 16) | ((buf[pos + 2] & 0xFF) << 8) | (buf[pos + 3] & 0xFF);
        pos += 4;
        return v;
    }

    private long readLong() {
        long v = 0;
        for (int i = 0; i < 8; i++) {
            v = (v << 8) | (buf[pos + i] & 0xFF);
        }
        pos += 8;
        return v;
    }

    private void skip(int n) throws IOException {
        require(n);
        pos += n;
    }

    /** Makes at least {@code n} unread bytes available in the buffer. */
    private void require(int n) throws IOException {
        if (limit - pos >= n) {
            return;
        }
        if (n > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(n, buf.length * 2));
        }
        System.arraycopy(buf, pos, buf, 0, limit - pos);
        limit -= pos;
        pos = 0;
        while (limit < n) {
            int r = in.read(buf, limit, buf.length - limit);
            if (r < 0) {
                throw new EOFException("binary COPY stream ended inside a row");
            }
            limit += r;
        }
    }

    /**
     * Distinct values of a text code column numbered 0, 1, … in order of first appearance, looked up by
     * their UTF-8 bytes (an open-addressing table; a code list of a few hundred entries stays tiny).
     */
    public static final class Codes {
        private byte[][] keys = new byte[64][];
        private int[] numbers = new int[64];
        private String[] names = new String[16];
        private int size;

        int number(byte[] b, int off, int len) {
            int h = 1;
            for (int i = off; i < off + len; i++) {
                h = 31 * h + b[i];
            }
            int mask = keys.length - 1;
            for (int slot = mix(h) & mask; ; slot = (slot + 1) & mask) {
                byte[] k = keys[slot];
                if (k == null) {
                    return add(slot, Arrays.copyOfRange(b, off, off + len));
                }
                if (Arrays.equals(k, 0, k.length, b, off, off + len)) {
                    return numbers[slot];
                }
            }
        }

        /** The number of distinct values seen. */
        public int size() {
            return size;
        }

        /** The values by number. */
        public String[] names() {
            return Arrays.copyOf(names, size);
        }

        private int add(int slot, byte[] key) {
            if (size == names.length) {
                names = Arrays.copyOf(names, size * 2);
            }
            names[size] = new String(key, StandardCharsets.UTF_8);
            keys[slot] = key;
            numbers[slot] = size;
            int number = size++;
            if (2 * size > keys.length) {
                rehash();
            }
            return number;
        }

        private void rehash() {
            byte[][] oldKeys = keys;
            int[] oldNumbers = numbers;
            keys = new byte[oldKeys.length * 2][];
            numbers = new int[keys.length];
            int mask = keys.length - 1;
            for (int i = 0; i < oldKeys.length; i++) {
                byte[] k = oldKeys[i];
                if (k == null) {
                    continue;
                }
                int h = 1;
                for (byte x : k) {
                    h = 31 * h + x;
                }
                int slot = mix(h) & mask;
                while (keys[slot] != null) {
                    slot = (slot + 1) & mask;
                }
                keys[slot] = k;
                numbers[slot] = oldNumbers[i];
            }
        }

        private static int mix(int h) {
            int m = (h ^ (h >>> 16)) * 0x45d9f3b;
            return m ^ (m >>> 16);
        }
    }
}
