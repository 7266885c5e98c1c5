package org.gridlens.server.bench;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;

/**
 * A minimal blocking HTTP/1.1 client for load generation and latency floors: one keep-alive
 * connection, one request at a time (GET, or POST of a JSON body), responses with
 * {@code Content-Length} or chunked bodies.
 *
 * <p>Why not {@link java.net.http.HttpClient}: the benchmark's load clients run on the same two cores as
 * the server and the database, and the JDK client's selector thread, asynchronous hand-offs and
 * per-request allocations cost more CPU per request than the intake itself, so they bent the figures.
 * This client costs one write and one or two reads per request, as pgbench's libpq does per
 * statement, so an HTTP latency measured with it compares fairly with a pgbench floor. Limits: no TLS, no redirects, no
 * {@code 100-continue}, no pipelining; a closed connection is reopened once for the next request.
 * Not thread-safe: one instance per load thread.
 */
final class KeepAliveClient implements AutoCloseable {

    /** Status and body of one response. */
    record Response(int status, byte[] bytes) {
        String body() {
            return new String(bytes, StandardCharsets.UTF_8);
        }
    }

    private final String host;
    private final int port;
    private final String authorization;
    private Socket socket;
    private InputStream in;
    private OutputStream out;

    KeepAliveClient(URI base, String authorization) {
        this.host = base.getHost();
        this.port = base.getPort();
        this.authorization = authorization;
    }

    /** POSTs {@code json} to {@code path}; reconnects when the server had closed the connection. */
    Response post(String path, String json) throws IOException {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        String head = "POST " + path + " HTTP/1.1\r\nHost: " + host + ":" + port + "\r\nAuthorization: " + authorization
                + "\r\nContent-Type: application/json\r\nContent-Length: " + body.length + "\r\n\r\n";
        byte[] h = head.getBytes(StandardCharsets.US_ASCII);
        byte[] request = new byte[h.length + body.length];
        System.arraycopy(h, 0, request, 0, h.length);
        System.arraycopy(body, 0, request, h.length, body.length);
        return send(request);
    }

    /** GETs {@code path} (no compression asked for); reconnects when the server had closed the connection. */
    Response get(String path) throws IOException {
        return send(("GET " + path + " HTTP/1.1\r\nHost: " + host + ":" + port + "\r\nAuthorization: " + authorization
                + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
    }

    private Response send(byte[] request) throws IOException {
        boolean fresh = socket == null;
        if (fresh) {
            open();
        }
        try {
            out.write(request);
            out.flush();
            return read();
        } catch (IOException stale) {
            if (fresh) {
                throw stale;
            }
            close(); // a kept-alive connection the server had closed meanwhile: once more on a new one
            open();
            out.write(request);
            out.flush();
            return read();
        }
    }

    private void open() throws IOException {
        socket = new Socket();
        socket.setTcpNoDelay(true);
        socket.setSoTimeout(60_000);
        socket.connect(new InetSocketAddress(host, port), 10_000);
        in = new BufferedInputStream(socket.getInputStream(), 8192);
        out = socket.getOutputStream();
    }

    private Response read() throws IOException {
        String status = line();
        if (status == null) {
            throw new IOException("connection closed before the response");
        }
        int code = Integer.parseInt(status.substring(9, 12));
        long length = -1;
        boolean chunked = false;
        boolean closeAfter = false;
        for (String l = line(); l != null && !l.isEmpty(); l = line()) {
            String lower = l.toLowerCase(java.util.Locale.ROOT);
            if (lower.startsWith("content-length:")) {
                length = Long.parseLong(l.substring(15).trim());
            } else if (lower.startsWith("transfer-encoding:") && lower.contains("chunked")) {
                chunked = true;
            } else if (lower.startsWith("connection:") && lower.contains("close")) {
                closeAfter = true;
            }
        }
        java.io.ByteArrayOutputStream body = new java.io.ByteArrayOutputStream();
        if (chunked) {
            for (long n = Long.parseLong(line().trim().split(";")[0], 16); n > 0; n = Long.parseLong(line().trim().split(";")[0], 16)) {
                body.write(in.readNBytes((int) n));
                line();
            }
            for (String l = line(); l != null && !l.isEmpty(); l = line()) {
                // trailers: none expected
            }
        } else if (length >= 0) {
            body.write(in.readNBytes((int) length));
        } else {
            body.write(in.readAllBytes());
            closeAfter = true;
        }
        if (closeAfter) {
            close();
        }
        return new Response(code, body.toByteArray());
    }

    private String line() throws IOException {
        return line(in);
    }

    /** One header or chunk-size line without its CRLF (or LF); null at the end of the stream. */
    static String line(InputStream in) throws IOException {
        StringBuilder sb = new StringBuilder(64);
        for (int b = in.read(); b != -1; b = in.read()) {
            if (b == '\n') {
                int n = sb.length();
                return n > 0 && sb.charAt(n - 1) == '\r' ? sb.substring(0, n - 1) : sb.toString();
            }
            sb.append((char) b);
        }
        return sb.length() == 0 ? null : sb.toString();
    }

    @Override
    public void close() {
        if (socket != null) {
            try {
                socket.close();
            } catch (IOException ignored) {
                // closing a load connection: nothing to do
            }
            socket = null;
        }
    }
}
