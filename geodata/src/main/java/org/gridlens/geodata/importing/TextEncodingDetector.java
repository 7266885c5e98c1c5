package org.gridlens.geodata.importing;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Decides the text encoding of a CSV or DBF: UTF-8 if the whole file decodes as strict UTF-8, else
 * GB18030 (the superset of GBK and GB2312 that Chinese government exports use). Streams the file once;
 * memory is constant.
 *
 * <p>Limit: a file that is valid in both (pure ASCII, or GBK text that happens to form valid UTF-8
 * sequences, which is rare for Chinese text of more than a few characters) is read as UTF-8.
 */
public final class TextEncodingDetector {

    public static final Charset GB18030 = Charset.forName("GB18030");

    private TextEncodingDetector() {
    }

    /** The charset named by a declaration ("GBK", "GB2312", "GB18030", "CP936" all read as GB18030). */
    public static Charset declared(String name) {
        String n = name.trim().toUpperCase(Locale.ROOT).replace("-", "");
        return switch (n) {
            case "GBK", "GB2312", "GB18030", "CP936", "936" -> GB18030;
            case "UTF8" -> StandardCharsets.UTF_8;
            default -> {
                try {
                    yield Charset.forName(name.trim());
                } catch (RuntimeException e) {
                    throw new ImportException("unknown text encoding '" + name + "'; use UTF-8 or GBK");
                }
            }
        };
    }

    public static Charset detect(Path file) {
        return isStrictUtf8(file) ? StandardCharsets.UTF_8 : GB18030;
    }

    /** True when the whole file is valid UTF-8. */
    public static boolean isStrictUtf8(Path file) {
        CharsetDecoder d = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        byte[] buf = new byte[1 << 16];
        ByteBuffer in = ByteBuffer.allocate(buf.length + 8);
        CharBuffer out = CharBuffer.allocate(buf.length + 8);
        try (InputStream s = Files.newInputStream(file)) {
            int n;
            while ((n = s.read(buf)) > 0) {
                in.put(buf, 0, n);
                in.flip();
                CoderResult r = d.decode(in, out, false);
                if (r.isError()) {
                    return false;
                }
                in.compact();
                out.clear();
            }
            in.flip();
            CoderResult r = d.decode(in, out, true);
            return !r.isError() && !in.hasRemaining();
        } catch (IOException e) {
            throw new ImportException("cannot read the file: " + e.getMessage(), e);
        }
    }
}
