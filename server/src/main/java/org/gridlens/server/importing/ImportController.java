package org.gridlens.server.importing;

import io.javalin.http.BadRequestResponse;
import io.javalin.http.ContentTooLargeResponse;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.gridlens.geodata.importing.ImportException;
import org.gridlens.geodata.importing.ImportLayer;
import org.gridlens.geodata.importing.ImportReport;
import org.gridlens.geodata.importing.LayerImporter;
import org.gridlens.geodata.importing.SourceCrs;
import org.gridlens.geodata.importing.SourceMapping;

/**
 * POST /api/import/{layer}?filename=…&amp;crs=…&amp;mapping=… with the file as the raw request body.
 *
 * <p>The body is streamed to a temporary file and counted; a body (or a declared Content-Length) over
 * {@code import.max-bytes} is refused with 413 before the import starts. {@code filename} chooses the
 * format by its extension (the content must agree); {@code mapping} is the JSON mapping inline
 * (URL-encoded, up to 16 KiB). Answers 200 with the {@link ImportReport}; a file that cannot be imported
 * as a whole answers 400 (413 for size limits) and commits nothing.
 */
public final class ImportController {

    private final LayerImporter importer;
    private final long maxBytes;

    public ImportController(LayerImporter importer, long maxBytes) {
        this.importer = importer;
        this.maxBytes = maxBytes;
    }

    public void upload(Context ctx) throws IOException {
        ImportLayer layer;
        try {
            layer = ImportLayer.parse(ctx.pathParam("layer"));
        } catch (IllegalArgumentException e) {
            throw new BadRequestResponse(e.getMessage());
        }
        String fileName = ctx.queryParam("filename");
        if (fileName == null || !fileName.matches("[^/\\\\]{1,200}\\.[A-Za-z]{2,8}")) {
            throw new BadRequestResponse("give the file name with its extension: ?filename=incidents.csv");
        }
        Optional<SourceCrs> crs;
        try {
            crs = Optional.ofNullable(ctx.queryParam("crs")).filter(s -> !s.isBlank()).map(SourceCrs::parse);
        } catch (IllegalArgumentException e) {
            throw new BadRequestResponse(e.getMessage());
        }
        String mappingText = ctx.queryParam("mapping");
        if (mappingText != null && mappingText.length() > 16_384) {
            throw new BadRequestResponse("the mapping is over 16 KiB");
        }
        SourceMapping mapping;
        try {
            mapping = mappingText == null || mappingText.isBlank() ? SourceMapping.NONE : SourceMapping.parse(mappingText);
        } catch (ImportException e) {
            throw new BadRequestResponse(e.getMessage());
        }
        long declared = ctx.req().getContentLengthLong();
        if (declared > maxBytes) {
            throw new ContentTooLargeResponse("the upload is " + declared + " bytes; the limit is " + maxBytes);
        }
        Path tmp = Files.createTempFile("gridlens-upload-", "-" + fileName.replaceAll("[^A-Za-z0-9._-]", "_"));
        try {
            copyLimited(ctx.req().getInputStream(), tmp);
            ImportReport report = importer.importFile(layer, tmp, fileName, mapping, crs);
            ctx.json(report);
        } catch (ImportException e) {
            if (e.tooLarge()) {
                throw new ContentTooLargeResponse(e.getMessage());
            }
            throw new BadRequestResponse(e.getMessage());
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    private void copyLimited(InputStream in, Path target) throws IOException {
        byte[] buf = new byte[1 << 16];
        long total = 0;
        try (OutputStream out = Files.newOutputStream(target)) {
            int n;
            while ((n = in.read(buf)) > 0) {
                total += n;
                if (total > maxBytes) {
                    throw new ContentTooLargeResponse("the upload is over the limit of " + maxBytes + " bytes");
                }
                out.write(buf, 0, n);
            }
        }
        if (total == 0) {
            throw new BadRequestResponse("the request body is empty; send the file as the body");
        }
    }
}
