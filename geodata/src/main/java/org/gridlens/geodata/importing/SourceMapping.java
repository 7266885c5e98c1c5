package org.gridlens.geodata.importing;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * How one department's file maps onto the dictionary, so their files import unedited. Read from a
 * JSON file, for example:
 * <pre>{@code
 * {
 *   "columns":   { "事件编号": "source_id", "类别": "category_code", "上报时间": "reported_at" },
 *   "codes":     { "category_code": { "垃圾": "0101" }, "status": { "已结案": "closed" } },
 *   "constants": { "source": "hotline", "kind": "event" },
 *   "crs": "GCJ-02", "encoding": "GBK",
 *   "lon": "经度", "lat": "纬度", "wkt": null, "table": null
 * }
 * }</pre>
 * Columns not named in {@code columns} are matched to dictionary fields of the same name
 * (case-insensitive); others are ignored.
 *
 * @param columns   source column → dictionary field
 * @param codes     dictionary field → (source code → dictionary code)
 * @param constants dictionary field → value used when the file has none
 * @param crs       declared CRS (overrides what the file says), or null
 * @param encoding  declared text encoding of CSV/DBF, or null to detect
 * @param lon       CSV longitude/easting column, or null to guess (lon, lng, longitude, x, 经度)
 * @param lat       CSV latitude/northing column, or null to guess (lat, latitude, y, 纬度)
 * @param wkt       CSV WKT column, or null to guess (wkt, geom, geometry)
 * @param table     GeoPackage table to read, or null for the only/first feature table
 */
public record SourceMapping(Map<String, String> columns, Map<String, Map<String, String>> codes, Map<String, String> constants,
                            String crs, String encoding, String lon, String lat, String wkt, String table) {

    public static final SourceMapping NONE = new SourceMapping(Map.of(), Map.of(), Map.of(), null, null, null, null, null, null);
    private static final ObjectMapper JSON = new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, true);

    public SourceMapping {
        columns = columns == null ? Map.of() : Map.copyOf(columns);
        codes = codes == null ? Map.of() : Map.copyOf(codes);
        constants = constants == null ? Map.of() : Map.copyOf(constants);
    }

    /** Reads a mapping file; a malformed file or an unknown key is an {@link ImportException} naming the file. */
    public static SourceMapping read(Path file) {
        try {
            if (Files.size(file) > 1 << 20) {
                throw new ImportException("mapping file " + file.getFileName() + " is over 1 MiB");
            }
            return JSON.readValue(file.toFile(), SourceMapping.class);
        } catch (IOException e) {
            throw new ImportException("cannot read mapping file " + file.getFileName() + ": " + firstLine(e.getMessage()), e);
        }
    }

    /** Reads a mapping from JSON text. */
    public static SourceMapping parse(String json) {
        try {
            return JSON.readValue(json, SourceMapping.class);
        } catch (IOException e) {
            throw new ImportException("cannot read mapping: " + firstLine(e.getMessage()), e);
        }
    }

    private static String firstLine(String s) {
        return s == null ? "" : s.lines().findFirst().orElse("");
    }
}
