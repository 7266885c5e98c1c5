package org.gridlens.geodata.importing;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * The file formats the importer reads. The extension chooses the format; the first bytes must then
 * agree (a PDF renamed .gpkg, or an HTML error page saved as .geojson, is refused up front).
 */
public enum SourceFormat {
    GEOJSON, CSV, GEOPACKAGE, SHAPEFILE_ZIP, CITYJSON, CITYJSON_SEQ;

    /** Chooses by file name and checks the content's signature. */
    public static SourceFormat detect(Path file, String fileName) {
        String name = fileName.toLowerCase(Locale.ROOT);
        SourceFormat f;
        if (name.endsWith(".city.json") || name.endsWith(".cityjson")) {
            f = CITYJSON;
        } else if (name.endsWith(".city.jsonl") || name.endsWith(".cityjsonl")) {
            f = CITYJSON_SEQ;
        } else if (name.endsWith(".geojson") || name.endsWith(".json")) {
            f = GEOJSON;
        } else if (name.endsWith(".csv") || name.endsWith(".txt")) {
            f = CSV;
        } else if (name.endsWith(".gpkg")) {
            f = GEOPACKAGE;
        } else if (name.endsWith(".zip") || name.endsWith(".shp.zip")) {
            f = SHAPEFILE_ZIP;
        } else {
            throw new ImportException("unsupported file type '" + fileName + "': use .geojson, .csv, .gpkg, .city.json, .city.jsonl or a zipped Shapefile (.zip)");
        }
        byte[] head = head(file);
        boolean ok = switch (f) {
            case GEOPACKAGE -> startsWith(head, "SQLite format 3\0");
            case SHAPEFILE_ZIP -> startsWith(head, "PK\u0003\u0004");
            case GEOJSON, CITYJSON, CITYJSON_SEQ -> firstNonBlank(head) == '{';
            case CSV -> head.length > 0 && !containsNul(head);
        };
        if (!ok) {
            throw new ImportException(fileName + " is not a " + f.label() + " file (its content does not match its extension)");
        }
        return f;
    }

    public String label() {
        return switch (this) {
            case GEOJSON -> "GeoJSON";
            case CSV -> "CSV";
            case GEOPACKAGE -> "GeoPackage";
            case SHAPEFILE_ZIP -> "zipped Shapefile";
            case CITYJSON -> "CityJSON";
            case CITYJSON_SEQ -> "CityJSONSeq";
        };
    }

    private static byte[] head(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return in.readNBytes(4096);
        } catch (IOException e) {
            throw new ImportException("cannot read the file: " + e.getMessage(), e);
        }
    }

    private static boolean startsWith(byte[] head, String magic) {
        byte[] m = magic.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
        if (head.length < m.length) {
            return false;
        }
        for (int i = 0; i < m.length; i++) {
            if (head[i] != m[i]) {
                return false;
            }
        }
        return true;
    }

    private static int firstNonBlank(byte[] head) {
        int i = head.length >= 3 && (head[0] & 0xFF) == 0xEF && (head[1] & 0xFF) == 0xBB && (head[2] & 0xFF) == 0xBF ? 3 : 0;
        for (; i < head.length; i++) {
            if (!Character.isWhitespace(head[i])) {
                return head[i];
            }
        }
        return -1;
    }

    private static boolean containsNul(byte[] head) {
        for (byte b : head) {
            if (b == 0) {
                return true;
            }
        }
        return false;
    }
}
