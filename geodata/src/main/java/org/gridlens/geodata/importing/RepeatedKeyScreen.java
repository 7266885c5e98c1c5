package org.gridlens.geodata.importing;

/**
 * Tells, while a file is read, whether any row key may occur twice, so that the importer can skip the
 * SQL duplicate check (a sort of every staged key) for files where it cannot find anything. Holds one
 * 64-bit hash per key in an open-addressing table (16 bytes a key at most), not the keys.
 *
 * <p>Guarantee: when {@link #mayRepeat()} is false, no two keys seen were equal. It may answer true
 * without a real repeat (two keys with the same 64-bit hash, about 3 in 100 million for a million keys;
 * or more than {@link #MAX_KEYS} keys, when it stops recording): the caller then runs the exact check,
 * so the answer only decides cost, never the report.
 */
final class RepeatedKeyScreen {

    /** Keys recorded at most (a table of 32 MiB, 48 MiB while it last grows); beyond, {@link #mayRepeat()} is true. */
    static final int MAX_KEYS = 1 << 21;
    private static final long EMPTY = 0;

    private long[] slots = new long[1 << 12];
    private int size;
    private boolean mayRepeat;

    /** Records {@code key} (a null key counts as a possible repeat). */
    void add(String key) {
        if (mayRepeat) {
            return;
        }
        if (key == null || size >= MAX_KEYS) {
            mayRepeat = true;
            slots = new long[0];
            return;
        }
        if (2 * (size + 1) > slots.length) {
            grow();
        }
        if (!insert(slots, hash(key))) {
            mayRepeat = true;
            slots = new long[0];
        } else {
            size++;
        }
    }

    /** False only when every key recorded so far was different from every other. */
    boolean mayRepeat() {
        return mayRepeat;
    }

    /** Inserts {@code h}; false when it was there already. */
    private static boolean insert(long[] table, long h) {
        int mask = table.length - 1;
        for (int i = (int) (h ^ (h >>> 32)) & mask; ; i = (i + 1) & mask) {
            if (table[i] == EMPTY) {
                table[i] = h;
                return true;
            }
            if (table[i] == h) {
                return false;
            }
        }
    }

    private void grow() {
        long[] bigger = new long[slots.length * 2];
        for (long h : slots) {
            if (h != EMPTY) {
                insert(bigger, h);
            }
        }
        slots = bigger;
    }

    /** FNV-1a over the UTF-16 units, then MurmurHash3's 64-bit finaliser; never {@link #EMPTY}. */
    static long hash(String key) {
        long h = 0xcbf29ce484222325L;
        for (int i = 0; i < key.length(); i++) {
            h ^= key.charAt(i);
            h *= 0x100000001b3L;
        }
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        h *= 0xc4ceb93fe1a85ec5L;
        h ^= h >>> 33;
        return h == EMPTY ? 1 : h;
    }
}
