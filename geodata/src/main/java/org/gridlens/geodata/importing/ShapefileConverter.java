package org.gridlens.geodata.importing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

/**
 * Turns a zipped Shapefile into a GeoPackage with GDAL's {@code ogr2ogr} (Debian package
 * {@code gdal-bin}), which {@link GeoPackageRecordReader} then reads. No maintained pure-Java Shapefile
 * reader is available from Maven Central without pulling in GeoTools' own repository, so GDAL does the
 * parsing; a machine without it gets one message naming the package.
 *
 * <p>Guarantees: at most {@link ImportLimits#maxZipEntries()} entries; only Shapefile parts
 * (.shp .shx .dbf .prj .cpg) are extracted, flattened to their base names (no zip-slip), and the bytes
 * actually inflated are counted and capped at {@link ImportLimits#maxUnzippedBytes()} whatever the
 * entry headers claim (zip-bomb guard). The DBF text encoding comes from the declaration, else from the
 * .cpg file, else it is detected (strict UTF-8, else GB18030) and passed to GDAL as ENCODING.
 */
public final class ShapefileConverter {

    private static final Set<String> PARTS = Set.of("shp", "shx", "dbf", "prj", "cpg");

    private ShapefileConverter() {
    }

    /** Extracts {@code zip} into {@code workDir} and converts it; returns the GeoPackage path. */
    public static Path convert(Path zip, Path workDir, String declaredEncoding, ImportLimits limits) {
        Path shp = extract(zip, workDir, limits);
        String base = shp.getFileName().toString().replaceFirst("\\.[^.]+$", "");
        Path dbf = workDir.resolve(base + ".dbf");
        Path cpg = workDir.resolve(base + ".cpg");
        String encoding;
        if (declaredEncoding != null) {
            encoding = TextEncodingDetector.declared(declaredEncoding).name();
        } else if (Files.exists(cpg)) {
            encoding = null;
        } else if (Files.exists(dbf)) {
            encoding = TextEncodingDetector.isStrictUtf8(dbf) ? "UTF-8" : "GB18030";
        } else {
            encoding = null;
        }
        Path out = workDir.resolve("converted.gpkg");
        List<String> cmd = new ArrayList<>(List.of("ogr2ogr", "-f", "GPKG", "-nln", "features", "-nlt", "PROMOTE_TO_MULTI"));
        if (encoding != null) {
            cmd.addAll(List.of("-oo", "ENCODING=" + encoding));
        }
        cmd.addAll(List.of(out.toString(), shp.toString()));
        run(cmd);
        return out;
    }

    private static void run(List<String> cmd) {
        Process p;
        try {
            p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new ImportException("reading Shapefiles needs GDAL's ogr2ogr, which is not installed: apt-get install gdal-bin");
        }
        try {
            String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(10, TimeUnit.MINUTES)) {
                p.destroyForcibly();
                throw new ImportException("ogr2ogr took over 10 minutes on the Shapefile");
            }
            if (p.exitValue() != 0) {
                throw new ImportException("the Shapefile is damaged or incomplete (ogr2ogr: "
                        + output.lines().filter(l -> l.startsWith("ERROR")).findFirst().orElse(output.strip()) + ")");
            }
        } catch (IOException e) {
            throw new ImportException("ogr2ogr failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new ImportException("interrupted while converting the Shapefile");
        }
    }

    static Path extract(Path zip, Path workDir, ImportLimits limits) {
        long total = 0;
        Path shp = null;
        try (ZipFile z = new ZipFile(zip.toFile())) {
            if (z.size() > limits.maxZipEntries()) {
                throw new ImportException("the zip holds " + z.size() + " entries; at most " + limits.maxZipEntries() + " are accepted");
            }
            byte[] buf = new byte[1 << 16];
            for (Enumeration<? extends ZipEntry> en = z.entries(); en.hasMoreElements(); ) {
                ZipEntry e = en.nextElement();
                String name = Path.of(e.getName().replace('\\', '/')).getFileName() == null ? ""
                        : Path.of(e.getName().replace('\\', '/')).getFileName().toString();
                String ext = name.contains(".") ? name.substring(name.lastIndexOf('.') + 1).toLowerCase(Locale.ROOT) : "";
                if (e.isDirectory() || !PARTS.contains(ext) || name.startsWith(".")) {
                    continue;
                }
                Path target = workDir.resolve(name.substring(0, name.lastIndexOf('.')) + "." + ext);
                try (InputStream in = z.getInputStream(e); OutputStream out = Files.newOutputStream(target)) {
                    int n;
                    while ((n = in.read(buf)) > 0) {
                        total += n;
                        if (total > limits.maxUnzippedBytes()) {
                            throw ImportException.tooLarge("the zip expands to over " + limits.maxUnzippedBytes()
                                    + " bytes; refused (zip bomb guard)");
                        }
                        out.write(buf, 0, n);
                    }
                }
                if (ext.equals("shp")) {
                    if (shp != null) {
                        throw new ImportException("the zip holds more than one .shp; zip one layer per file");
                    }
                    shp = target;
                }
            }
        } catch (ZipException e) {
            throw new ImportException("the zip is damaged or truncated: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new ImportException("cannot read the zip: " + e.getMessage(), e);
        }
        if (shp == null) {
            throw new ImportException("the zip holds no .shp file");
        }
        for (String need : List.of("shx", "dbf")) {
            String base = shp.getFileName().toString().replaceFirst("\\.shp$", "");
            if (!Files.exists(workDir.resolve(base + "." + need))) {
                throw new ImportException("the zip has " + shp.getFileName() + " but no " + base + "." + need);
            }
        }
        return shp;
    }
}
