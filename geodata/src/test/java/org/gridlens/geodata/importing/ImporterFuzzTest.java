package org.gridlens.geodata.importing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * 100,000 generated and mutated inputs to the importers' readers (60,000 GeoJSON documents, 40,000 CSV
 * files with WKT): every input is either read or refused with a reportable error (an IOException or
 * {@link ImportException}); never a NullPointerException, ClassCastException, index error or stack
 * overflow, which would surface as a 500 or a half-understood row.
 */
class ImporterFuzzTest {

    static final String SEED_GEOJSON = """
            {"type":"FeatureCollection","features":[
             {"type":"Feature","properties":{"id":"F1","name":"东关菜市场","type":"market","capacity":120},
              "geometry":{"type":"Point","coordinates":[101.81,36.61]}},
             {"type":"Feature","properties":{"id":"F2","name":"x"},
              "geometry":{"type":"Polygon","coordinates":[[[101.80,36.60],[101.81,36.60],[101.81,36.61],[101.80,36.60]]]}},
             {"type":"Feature","properties":{"id":"F3"},"geometry":{"type":"MultiLineString","coordinates":[[[1,2],[3,4]]]}}]}""";
    static final String[] TOKENS = {"{", "}", "[", "]", ",", ":", "\"", "null", "true", "1e308", "-0", "NaN", "\"coordinates\"",
        "\"type\"", "\"Point\"", "\"Polygon\"", "\"GeometryCollection\"", "\"features\"", "\"geometry\"", "[[[[[[", "]]]]]]",
        "\\u0000", "\"crs\"", "{\"type\":\"name\",\"properties\":{\"name\":\"EPSG:4543\"}}", "9".repeat(400), "\uD800"};
    static final String[] WKT = {"POINT(101.81 36.61)", "POLYGON((101.8 36.6,101.81 36.6,101.81 36.61,101.8 36.6))",
        "LINESTRING(1 2,3 4)", "MULTIPOINT((1 2),(3 4))", "GEOMETRYCOLLECTION(POINT(1 2))", "POINT EMPTY", "POLYGON EMPTY",
        "POINT(NaN NaN)", "POINT(1e400 2)", "POLYGON((0 0,1 1,1 0,0 1,0 0))", "POINT Z(1 2 3)", "SRID=4326;POINT(1 2)"};

    @Provide
    Arbitrary<String> mutatedGeoJson() {
        Arbitrary<Integer> pos = Arbitraries.integers().between(0, SEED_GEOJSON.length());
        Arbitrary<String> token = Arbitraries.of(TOKENS);
        Arbitrary<String> insert = Combinators.combine(pos, token).as((p, t) -> SEED_GEOJSON.substring(0, p) + t + SEED_GEOJSON.substring(p));
        Arbitrary<String> delete = Combinators.combine(pos, Arbitraries.integers().between(1, 40))
                .as((p, n) -> SEED_GEOJSON.substring(0, p) + SEED_GEOJSON.substring(Math.min(SEED_GEOJSON.length(), p + n)));
        Arbitrary<String> truncate = pos.map(p -> SEED_GEOJSON.substring(0, p));
        Arbitrary<String> junk = Arbitraries.strings().ofMaxLength(200);
        Arbitrary<String> nested = Arbitraries.integers().between(1, 3000)
                .map(d -> "{\"type\":\"FeatureCollection\",\"features\":[{\"type\":\"Feature\",\"properties\":{},\"geometry\":"
                        + "{\"type\":\"Polygon\",\"coordinates\":" + "[".repeat(d) + "1,2" + "]".repeat(d) + "}}]}");
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(4, insert), net.jqwik.api.Tuple.of(3, delete), net.jqwik.api.Tuple.of(2, truncate),
                net.jqwik.api.Tuple.of(1, junk), net.jqwik.api.Tuple.of(1, nested));
    }

    @Property(tries = 60_000)
    void any_geojson_is_read_or_refused_with_a_reportable_error(@ForAll("mutatedGeoJson") String doc) {
        try (GeoJsonRecordReader r = new GeoJsonRecordReader(new ByteArrayInputStream(doc.getBytes(StandardCharsets.UTF_8)),
                ImportLimits.DEFAULTS)) {
            int n = 0;
            while (r.next() != null && n < 1000) {
                n++;
            }
            assertThat(n).isLessThan(1000);
        } catch (IOException | ImportException | UncheckedIOException refused) {
            assertThat(refused.getMessage()).isNotBlank();
        }
    }

    @Provide
    Arbitrary<String> csvWithWkt() {
        Arbitrary<String> wkt = Arbitraries.oneOf(Arbitraries.of(WKT),
                Combinators.combine(Arbitraries.of(WKT), Arbitraries.integers().between(0, 30), Arbitraries.of("(", ")", ",", " ", "", "x", "-", "."))
                        .as((w, p, t) -> w.substring(0, Math.min(p, w.length())) + t + w.substring(Math.min(p, w.length()))),
                Arbitraries.strings().ofMaxLength(60));
        return Combinators.combine(wkt, Arbitraries.strings().ofMaxLength(20), Arbitraries.of(",", ";", "\"", "\n", ""))
                .as((w, name, sep) -> "id,name,wkt\nA1,\"" + name.replace("\"", "\"\"") + "\",\"" + w.replace("\"", "\"\"") + "\"" + sep + "\n");
    }

    @Property(tries = 40_000)
    void any_csv_with_wkt_is_read_or_refused_with_a_reportable_error(@ForAll("csvWithWkt") String csv) throws IOException {
        Path f = Files.createTempFile("fuzz-", ".csv");
        try {
            Files.writeString(f, csv, StandardCharsets.UTF_8);
            try (CsvRecordReader r = new CsvRecordReader(f, SourceMapping.parse("{\"encoding\":\"UTF-8\"}"), ImportLimits.DEFAULTS)) {
                int n = 0;
                while (r.next() != null && n < 100) {
                    n++;
                }
            } catch (IOException | ImportException | UncheckedIOException refused) {
                assertThat(refused.getMessage()).isNotBlank();
            }
        } finally {
            Files.deleteIfExists(f);
        }
    }
}
