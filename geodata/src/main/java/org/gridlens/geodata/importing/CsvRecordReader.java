package org.gridlens.geodata.importing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.io.ParseException;
import org.locationtech.jts.io.WKTReader;

/**
 * Streams a CSV file (RFC 4180, header row required) with commons-csv. The geometry comes from a WKT
 * column or from a longitude/latitude (or easting/northing) pair, named by the mapping or guessed.
 *
 * <p>Text encoding: declared, or detected by {@link TextEncodingDetector} (strict UTF-8, else GB18030).
 * Decoding is strict: a byte sequence invalid in the chosen encoding stops the import with an
 * {@link ImportException}, so a GBK file can never be stored as mojibake. A UTF-8 BOM is skipped.
 *
 * <p>A truncated file fails whole: a quoted field left open at the end of the file, or a last row with
 * fewer columns than the header, is an {@link ImportException}, not a row-level rejection.
 */
public final class CsvRecordReader implements RecordReader {

    private static final List<String> LON = List.of("lon", "lng", "long", "longitude", "x", "经度", "东坐标");
    private static final List<String> LAT = List.of("lat", "latitude", "y", "纬度", "北坐标");
    private static final List<String> WKT = List.of("wkt", "geom", "geometry", "the_geom", "shape", "几何");

    private final CSVParser parser;
    private final String[] columns;
    private final Iterator<CSVRecord> records;
    private final Charset charset;
    private final String lonColumn;
    private final String latColumn;
    private final String wktColumn;
    private final ImportLimits limits;
    private final GeometryFactory factory = new GeometryFactory();
    private final WKTReader wkt = new WKTReader(factory);
    private long row;

    public CsvRecordReader(Path file, SourceMapping mapping, ImportLimits limits) throws IOException {
        this.limits = limits;
        this.charset = mapping.encoding() != null ? TextEncodingDetector.declared(mapping.encoding()) : TextEncodingDetector.detect(file);
        var decoder = charset.newDecoder().onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        BufferedReader reader = new BufferedReader(new InputStreamReader(Files.newInputStream(file), decoder), 1 << 16);
        try {
            reader.mark(1);
            if (reader.read() != '\uFEFF') {
                reader.reset();
            }
            this.parser = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).setIgnoreEmptyLines(true)
                    .setTrim(true).setAllowMissingColumnNames(true).get().parse(reader);
        } catch (IOException | UncheckedIOException | IllegalArgumentException e) {
            reader.close();
            throw failure(e);
        }
        List<String> header = parser.getHeaderNames();
        this.wktColumn = pick(header, mapping.wkt(), WKT);
        this.lonColumn = wktColumn != null ? null : pick(header, mapping.lon(), LON);
        this.latColumn = wktColumn != null ? null : pick(header, mapping.lat(), LAT);
        if (wktColumn == null && (lonColumn == null || latColumn == null)) {
            parser.close();
            throw new ImportException("CSV has no geometry: name a WKT column (wkt, geom) or longitude/latitude columns (lon, lat),"
                    + " or set \"wkt\" or \"lon\"/\"lat\" in the mapping; header is " + header);
        }
        this.records = parser.iterator();
        this.columns = header.toArray(new String[0]);
    }

    private ImportException failure(Exception e) {
        Throwable c = e;
        while (c != null) {
            if (c instanceof CharacterCodingException) {
                return new ImportException("the CSV is not valid " + charset.name()
                        + (charset.name().startsWith("UTF") ? " (it looks like GBK/GB18030: declare encoding GBK or leave it undeclared)"
                        : "") + " near data row " + (row + 1));
            }
            c = c.getCause();
        }
        return new ImportException("CSV is malformed or truncated near data row " + (row + 1) + ": " + e.getMessage(), e);
    }

    private static String pick(List<String> header, String declared, List<String> guesses) {
        if (declared != null) {
            if (!header.contains(declared)) {
                throw new ImportException("mapped column '" + declared + "' is not in the CSV header " + header);
            }
            return declared;
        }
        for (String h : header) {
            if (guesses.contains(h.toLowerCase(Locale.ROOT))) {
                return h;
            }
        }
        return null;
    }

    @Override
    public String encoding() {
        return charset.name();
    }

    @Override
    public SourceRecord next() {
        CSVRecord r;
        try {
            if (!records.hasNext()) {
                return null;
            }
            r = records.next();
            if (r.size() < parser.getHeaderNames().size() && !records.hasNext()) {
                throw new ImportException("the CSV ends inside data row " + (row + 1) + " (" + r.size() + " of "
                        + parser.getHeaderNames().size() + " columns): the file looks truncated; nothing was imported");
            }
        } catch (UncheckedIOException | IllegalStateException e) {
            throw failure(e);
        }
        row++;
        // by position, not r.toMap(): no map per row beyond the one the record keeps
        Map<String, String> attributes = new HashMap<>(columns.length * 2);
        for (int i = 0; i < columns.length && i < r.size(); i++) {
            String key = columns[i];
            String value = r.get(i);
            if (value != null && !value.isEmpty() && key != null && !key.isEmpty()) {
                if (value.length() > limits.maxStringLength()) {
                    throw new ImportException("CSV data row " + row + ": field " + key + " is over " + limits.maxStringLength()
                            + " characters");
                }
                attributes.put(key, value); // a repeated column name: the last one wins, as in toMap()
            }
        }
        Geometry g = null;
        String problem = null;
        if (wktColumn != null) {
            String text = attributes.remove(wktColumn);
            if (text == null) {
                problem = "empty geometry (" + wktColumn + " is blank)";
            } else if (roughVertexCount(text) > limits.maxVertices()) {
                problem = "geometry has more than " + limits.maxVertices() + " vertices";
            } else {
                try {
                    g = wkt.read(text);
                } catch (ParseException | IllegalArgumentException e) {
                    problem = "unreadable WKT: " + e.getMessage();
                }
            }
        } else {
            String x = attributes.remove(lonColumn);
            String y = attributes.remove(latColumn);
            if (x == null || y == null) {
                problem = "empty geometry (" + lonColumn + "/" + latColumn + " blank)";
            } else {
                try {
                    g = factory.createPoint(new Coordinate(Double.parseDouble(x), Double.parseDouble(y)));
                } catch (NumberFormatException e) {
                    problem = "coordinates are not numbers: " + x + ", " + y;
                }
            }
        }
        return new SourceRecord(row, attributes, g, problem);
    }

    /** Commas + 1: an upper bound of the vertex count of a WKT text, computed without parsing it. */
    private static long roughVertexCount(String text) {
        long n = 1;
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) == ',') {
                n++;
            }
        }
        return n;
    }

    @Override
    public void close() throws IOException {
        parser.close();
    }
}
