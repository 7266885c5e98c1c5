package org.gridlens.server.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A wall display for the benchmark: one plain socket reading {@code GET /api/events}, which notes for every
 * {@code incident.created} event only the incident id and the arrival time ({@link System#nanoTime()}), in two
 * growing primitive arrays.
 *
 * <p>Why not {@code SseReader} (java.net.http, a String and a record per line and event): 50 displays at
 * 2,000 events/s are 100,000 events/s parsed in the benchmark's own JVM, on the same two cores as the server
 * under test; real displays are other machines. This client decodes the chunked body and scans each event
 * once, so the harness takes little of the CPU it is measuring. Limits: HTTP/1.1 without TLS, the server's
 * SSE framing ({@code id:}, {@code event:}, {@code data:} lines, blank line), ids parsed from {@code "id":n}
 * in the data.
 */
final class DisplayClient implements AutoCloseable {

    private static final byte[] CREATED = "event: incident.created\n".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] ID_KEY = "\"id\":".getBytes(StandardCharsets.US_ASCII);

    private final Socket socket = new Socket();
    private final Thread reader;
    private final Object lock = new Object();
    private long[] ids = new long[1 << 14];
    private long[] arrivals = new long[1 << 14];
    private int count;
    private volatile boolean connected;

    DisplayClient(URI base, String token) throws IOException {
        socket.setTcpNoDelay(true);
        socket.connect(new InetSocketAddress(base.getHost(), base.getPort()), 10_000);
        OutputStream out = socket.getOutputStream();
        out.write(("GET /api/events?token=" + token + " HTTP/1.1\r\nHost: " + base.getHost() + ":" + base.getPort()
                + "\r\nAccept: text/event-stream\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
        InputStream in = socket.getInputStream();
        reader = new Thread(() -> read(in), "bench-display");
        reader.setDaemon(true);
        reader.start();
    }

    /** Whether the response headers arrived (the stream is subscribed soon after). */
    boolean connected() {
        return connected;
    }

    /**
     * Reads the stream in bulk: {@code read(byte[])} into one buffer, then a small state machine over its
     * bytes (headers, chunk sizes, chunk data, events). No per-byte calls on a synchronized stream and no
     * copy per event beyond the reused event buffer: 50 displays at 2,000 events/s took 39 % of a core with
     * {@code BufferedInputStream.read()} per byte, on the cores under test.
     */
    private void read(InputStream in) {
        byte[] buf = new byte[1 << 16];
        byte[] event = new byte[1024];
        int eventLength = 0;
        int previous = -1;
        // Headers first: up to the blank line.
        StringBuilder head = new StringBuilder();
        int pos = 0;
        int limit = 0;
        try {
            while (head.indexOf("\r\n\r\n") < 0) {
                if (pos == limit) {
                    limit = in.read(buf);
                    pos = 0;
                    if (limit < 0) {
                        return;
                    }
                }
                head.append((char) buf[pos++]);
            }
            String headers = head.toString();
            if (!headers.startsWith("HTTP/1.1 200") && !headers.startsWith("HTTP/1.0 200")) {
                return;
            }
            boolean chunked = headers.toLowerCase(java.util.Locale.ROOT).contains("transfer-encoding: chunked");
            connected = true;
            // Chunked framing: SIZE digits, then to the end of the line, then SIZE data bytes, then CRLF.
            final int size = 0;
            final int sizeLineEnd = 1;
            final int data = 2;
            final int dataEnd = 3;
            int state = chunked ? size : data;
            long left = chunked ? 0 : Long.MAX_VALUE;
            while (true) {
                if (pos == limit) {
                    limit = in.read(buf);
                    pos = 0;
                    if (limit < 0) {
                        return;
                    }
                }
                long arrived = System.nanoTime();
                while (pos < limit) {
                    byte b = buf[pos];
                    if (state == data) {
                        int n = (int) Math.min(left, limit - pos);
                        for (int k = pos; k < pos + n; k++) {
                            byte c = buf[k];
                            if (c == '\n' && previous == '\n') { // blank line: one whole event
                                note(event, eventLength, arrived);
                                eventLength = 0;
                                previous = -1;
                            } else {
                                if (eventLength == event.length) {
                                    event = Arrays.copyOf(event, event.length * 2);
                                }
                                event[eventLength++] = c;
                                previous = c;
                            }
                        }
                        pos += n;
                        left -= n;
                        if (left == 0) {
                            state = dataEnd;
                        }
                    } else if (state == size) {
                        int digit = Character.digit(b, 16);
                        if (digit >= 0) {
                            left = left * 16 + digit;
                        } else {
                            state = sizeLineEnd;
                            continue; // look at this byte again as part of the line's end
                        }
                        pos++;
                    } else if (state == sizeLineEnd) {
                        pos++;
                        if (b == '\n') {
                            if (left == 0) {
                                return; // the last chunk: the server ended the stream
                            }
                            state = data;
                        }
                    } else { // dataEnd: the CRLF after a chunk's data
                        pos++;
                        if (b == '\n') {
                            state = size;
                            left = 0;
                        }
                    }
                }
            }
        } catch (IOException e) {
            // closed
        }
    }

    private void note(byte[] e, int length, long nanos) {
        if (indexOf(e, length, CREATED) < 0) {
            return;
        }
        int k = indexOf(e, length, ID_KEY);
        if (k < 0) {
            return;
        }
        long id = 0;
        for (int i = k + ID_KEY.length; i < length && e[i] >= '0' && e[i] <= '9'; i++) {
            id = id * 10 + (e[i] - '0');
        }
        synchronized (lock) {
            if (count == ids.length) {
                ids = Arrays.copyOf(ids, count * 2);
                arrivals = Arrays.copyOf(arrivals, count * 2);
            }
            ids[count] = id;
            arrivals[count] = nanos;
            count++;
        }
    }

    /** Calls {@code sink} with (incident id, arrival nanos) of every incident.created event received so far. */
    void forEach(java.util.function.BiConsumer<Long, Long> sink) {
        long[] i;
        long[] a;
        int n;
        synchronized (lock) {
            i = ids;
            a = arrivals;
            n = count;
        }
        for (int k = 0; k < n; k++) {
            sink.accept(i[k], a[k]);
        }
    }

    /** incident.created events received so far. */
    int received() {
        synchronized (lock) {
            return count;
        }
    }

    private static int indexOf(byte[] hay, int length, byte[] needle) {
        outer:
        for (int i = 0; i <= length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (hay[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException e) {
            // closing anyway
        }
    }
}
