package org.gridlens.geodata.analytics.hotarea;

import java.util.Arrays;

/**
 * Every incident of a window in columns, as {@link IncidentPointReader} read them: id, category and source
 * numbers (indexes into {@link #categoryNames} / {@link #sourceNames}, in order of first appearance),
 * report time in microseconds since the epoch, position in EPSG:4543 metres, and state. Rows are in no
 * particular order. Filled once by the reader, then only read (safe to share between threads after that).
 */
final class IncidentPoints {

    /** State of an incident that is closed. */
    static final byte CLOSED = 0;
    /** State of an incident that is neither closed nor rejected. */
    static final byte OPEN = 1;
    /** State of a rejected report (never open, left out of the open share). */
    static final byte REJECTED = 2;

    long[] id;
    int[] category;
    int[] source;
    long[] micros;
    double[] x;
    double[] y;
    byte[] state;
    int size;
    String[] categoryNames = new String[0];
    String[] sourceNames = new String[0];

    IncidentPoints(int capacity) {
        int n = Math.max(16, capacity);
        id = new long[n];
        category = new int[n];
        source = new int[n];
        micros = new long[n];
        x = new double[n];
        y = new double[n];
        state = new byte[n];
    }

    /** Room for one more row. */
    void ensureRoom() {
        if (size < id.length) {
            return;
        }
        int n = id.length * 2;
        id = Arrays.copyOf(id, n);
        category = Arrays.copyOf(category, n);
        source = Arrays.copyOf(source, n);
        micros = Arrays.copyOf(micros, n);
        x = Arrays.copyOf(x, n);
        y = Arrays.copyOf(y, n);
        state = Arrays.copyOf(state, n);
    }
}
