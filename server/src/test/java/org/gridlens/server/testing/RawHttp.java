package org.gridlens.server.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * Sends a request line exactly as written (malformed escapes, backslashes and all), which
 * java.net.http refuses to do, and returns the status code and body. For traversal tests.
 */
public final class RawHttp {

    /** Status and body of a raw exchange. */
    public record Response(int status, String body) {
    }

    private RawHttp() {
    }

    public static Response get(int port, String rawTarget) throws IOException {
        try (Socket s = new Socket("127.0.0.1", port)) {
            s.setSoTimeout(10_000);
            OutputStream out = s.getOutputStream();
            out.write(("GET " + rawTarget + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = s.getInputStream();
            String all = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            int sp = all.indexOf(' ');
            int status = Integer.parseInt(all.substring(sp + 1, sp + 4));
            int bodyAt = all.indexOf("\r\n\r\n");
            return new Response(status, bodyAt < 0 ? "" : all.substring(bodyAt + 4));
        }
    }
}
