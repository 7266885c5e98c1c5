package org.gridlens.geodata.importing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs GDAL command-line tools (Debian's gdal-bin) in tests; a missing tool fails with the package name. */
final class Gdal {

    private Gdal() {
    }

    static String run(String... cmd) {
        try {
            Process p = new ProcessBuilder(List.of(cmd)).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IllegalStateException(cmd[0] + " failed: " + out);
            }
            return out;
        } catch (IOException e) {
            throw new IllegalStateException(cmd[0] + " is not installed: apt-get install gdal-bin", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
