package org.gridlens.tiles.cache;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.zip.GZIPOutputStream;

/**
 * The gzip form of one tile's bytes, made the first time it is asked for and then kept.
 *
 * <p>Thread-safe: two threads asking at once may both compress, and both get equal bytes; afterwards
 * every caller gets the same array. Callers must pass the same bytes every time (the tile it belongs to).
 */
public final class GzipOnDemand {

    private volatile byte[] gzip;

    GzipOnDemand() {
    }

    byte[] of(byte[] bytes) {
        byte[] g = gzip;
        if (g == null) {
            g = compress(bytes);
            gzip = g;
        }
        return g;
    }

    static byte[] compress(byte[] bytes) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(bytes.length / 2 + 32);
        try (GZIPOutputStream g = new GZIPOutputStream(out)) {
            g.write(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
