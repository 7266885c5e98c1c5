package org.gridlens.server.bench;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
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
        InputStream in = new BufferedInputStream(socket.getInputStream(), 1 << 16);
        reader = new Thread(() -> read(in), "bench-display");
        reader.setDaemon(true);
        reader.start();
    }

    /** Whether the response headers arrived (the stream is subscribed soon after). */
    boolean connected() {
        return connected;
    }

    private void read(InputStream in) {
        try {
            String status = line(in);
            if (status == null || !status.contains(" 200")) {
                return;
            }
            boolean chunked = false;
            for (String h = line(in); h != null && !h.isEmpty(); h = line(in)) {
                chunked |= h.toLowerCase(java.util.Locale.ROOT).startsWith("transfer-encoding:") && h.contains("chunked");
            }
            connected = true;
            ByteArrayOutputStream event = new ByteArrayOutputStream(512);
            int previous = -1;
            long left = chunked ? chunkSize(in) : Long.MAX_VALUE;
            while (left > 0) {
                int b = in.read();
                if (b < 0) {
                    return;
                }
                left--;
                if (b == '\n' && previous == '\n') { // blank line: one whole event
                    note(event.toByteArray(), System.nanoTime());
                    event.reset();
                    previous = -1;
                } else {
                    event.write(b);
                    previous = b;
                }
                if (chunked && left == 0) {
                    line(in); // the CRLF after the chunk's data
                    left = chunkSize(in);
                }
            }
        } catch (IOException e) {
            // closed
        }
    }

    private void note(byte[] e, long nanos) {
        if (indexOf(e, CREATED, 0) < 0) {
            return;
        }
        int k = indexOf(e, ID_KEY, 0);
        if (k < 0) {
            return;
        }
        long id = 0;
        for (int i = k + ID_KEY.length; i < e.length && e[i] >= '0' && e[i] <= '9'; i++) {
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

    private static int indexOf(byte[] hay, byte[] needle, int from) {
        outer:
        for (int i = from; i <= hay.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (hay[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    private static long chunkSize(InputStream in) throws IOException {
        String s = line(in);
        while (s != null && s.isEmpty()) {
            s = line(in);
        }
        if (s == null) {
            return 0;
        }
        int semi = s.indexOf(';');
        return Long.parseLong((semi < 0 ? s : s.substring(0, semi)).trim(), 16);
    }

    private static String line(InputStream in) throws IOException {
        return KeepAliveClient.line(in);
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
