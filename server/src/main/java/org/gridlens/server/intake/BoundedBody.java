package org.gridlens.server.intake;

import io.javalin.http.BadRequestResponse;
import io.javalin.http.ContentTooLargeResponse;
import io.javalin.http.Context;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Reads a request body up to a per-route limit. A declared Content-Length above the limit is refused
 * before anything is read; a chunked body is read only up to limit + 1 bytes. Either way: 413. A body
 * with a Content-Length is read into one array of exactly that size.
 */
public final class BoundedBody {

    private BoundedBody() {
    }

    public static byte[] read(Context ctx, long limit) {
        long declared = ctx.req().getContentLengthLong();
        if (declared > limit) {
            throw new ContentTooLargeResponse("request body of " + declared + " bytes exceeds the limit of " + limit + " bytes");
        }
        try (InputStream in = ctx.req().getInputStream()) {
            if (declared >= 0) {
                // Jetty ends the stream at the declared length: one array of that size, no copies.
                byte[] body = in.readNBytes((int) declared);
                if (body.length < declared) {
                    throw new BadRequestResponse("the request body ended after " + body.length + " of " + declared + " bytes");
                }
                return body;
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream((int) Math.min(Math.max(declared, 1024), limit));
            byte[] buf = new byte[16384];
            long total = 0;
            int n;
            while ((n = in.read(buf)) > 0) {
                total += n;
                if (total > limit) {
                    throw new ContentTooLargeResponse("request body exceeds the limit of " + limit + " bytes");
                }
                out.write(buf, 0, n);
            }
            return out.toByteArray();
        } catch (IOException e) {
            throw new BadRequestResponse("the request body could not be read: " + e.getClass().getSimpleName());
        }
    }
}
