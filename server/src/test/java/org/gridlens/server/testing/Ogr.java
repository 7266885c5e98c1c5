package org.gridlens.server.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs GDAL/OGR's {@code ogrinfo} (Debian's gdal-bin), a reader nobody here wrote, on what the server
 * produced. A missing ogrinfo fails the test with the package to install; it is never skipped.
 */
public final class Ogr {

    private Ogr() {
    }

    /** {@code ogrinfo -ro -al -so?} output for a dataset path (or a GDAL connection string). */
    public static String info(String... args) {
        List<String> cmd = new ArrayList<>(List.of("ogrinfo", "-ro"));
        cmd.addAll(List.of(args));
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException("ogrinfo timed out");
            }
            if (p.exitValue() != 0) {
                throw new IllegalStateException("ogrinfo failed (exit " + p.exitValue() + "): " + out);
            }
            return out;
        } catch (IOException e) {
            throw new IllegalStateException("ogrinfo is not installed: apt-get install gdal-bin", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * Writes an MVT tile as {@code dir/z/x/y.pbf} (the layout GDAL's MVT driver georeferences from) and
     * returns {@code ogrinfo -al} of it.
     */
    public static String infoOfTile(Path dir, int z, int x, int y, byte[] tile) throws IOException {
        Path f = dir.resolve(z + "/" + x + "/" + y + ".pbf");
        Files.createDirectories(f.getParent());
        Files.write(f, tile);
        return info("-al", "MVT:" + f);
    }
}
