package org.gridlens.geodata.importing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The CityJSON readers stream: a document's members may come in any order, CityJSONSeq gives the same
 * rows as the equivalent document, and a file larger than the heap reads in a child JVM whose heap
 * could not hold a tenth of its JSON tree.
 */
class CityJsonStreamingTest {

    @TempDir
    Path dir;

    /** A box of 10 × 10 m (in 0.001 units of the transform) at column {@code i}, as a CityObject member. */
    private static String box(int i, String type, int firstVertex) {
        int v = firstVertex;
        return ("\"B%d\":{\"type\":\"%s\",\"attributes\":{\"use\":\"residential\",\"floors\":%d},"
                + "\"geometry\":[{\"type\":\"Solid\",\"lod\":\"1\",\"boundaries\":[[[[%d,%d,%d,%d]],[[%d,%d,%d,%d]],"
                + "[[%d,%d,%d,%d]],[[%d,%d,%d,%d]],[[%d,%d,%d,%d]],[[%d,%d,%d,%d]]]]}]}").formatted(i, type, 1 + i % 9,
                v, v + 3, v + 2, v + 1, v + 4, v + 5, v + 6, v + 7, v, v + 1, v + 5, v + 4, v + 1, v + 2, v + 6, v + 5,
                v + 2, v + 3, v + 7, v + 6, v + 3, v, v + 4, v + 7);
    }

    private static String boxVertices(int i) {
        int x = (i % 300) * 20_000;
        int y = (i / 300) * 20_000;
        int h = 3_000 * (1 + i % 9);
        return "[%d,%d,0],[%d,%d,0],[%d,%d,0],[%d,%d,0],[%d,%d,%d],[%d,%d,%d],[%d,%d,%d],[%d,%d,%d]".formatted(
                x, y, x + 10_000, y, x + 10_000, y + 10_000, x, y + 10_000,
                x, y, h, x + 10_000, y, h, x + 10_000, y + 10_000, h, x, y + 10_000, h);
    }

    private static final String TRANSFORM = "\"transform\":{\"scale\":[0.001,0.001,0.001],\"translate\":[600000,4050000,2200]}";
    private static final String METADATA = "\"metadata\":{\"referenceSystem\":\"https://www.opengis.net/def/crs/EPSG/0/4543\"}";

    /** A document with {@code n} boxes whose vertices and transform come AFTER the objects. */
    private Path document(String name, int n) throws IOException {
        Path file = dir.resolve(name);
        try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            w.write("{\"type\":\"CityJSON\",\"version\":\"2.0\"," + METADATA + ",\"CityObjects\":{");
            for (int i = 0; i < n; i++) {
                w.write((i == 0 ? "" : ",") + box(i, "Building", 8 * i));
            }
            w.write(",\"T1\":{\"type\":\"TINRelief\",\"geometry\":[]}},\"vertices\":[");
            for (int i = 0; i < n; i++) {
                w.write((i == 0 ? "" : ",") + boxVertices(i));
            }
            w.write("]," + TRANSFORM + "}");
        }
        return file;
    }

    /** The same boxes as CityJSONSeq: a header line, then one feature per building with local vertices. */
    private Path sequence(String name, int n) throws IOException {
        Path file = dir.resolve(name);
        try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            w.write("{\"type\":\"CityJSON\",\"version\":\"2.0\"," + TRANSFORM + "," + METADATA + ",\"CityObjects\":{},\"vertices\":[]}\n");
            for (int i = 0; i < n; i++) {
                w.write("{\"type\":\"CityJSONFeature\",\"id\":\"B" + i + "\",\"CityObjects\":{" + box(i, "Building", 0)
                        + "},\"vertices\":[" + boxVertices(i) + "]}\n");
            }
        }
        return file;
    }

    private static List<String> read(RecordReader r) throws IOException {
        List<String> rows = new ArrayList<>();
        try (r) {
            for (SourceRecord s = r.next(); s != null; s = r.next()) {
                rows.add(s.row() + " " + s.attributes() + " " + (s.geometry() == null ? s.geometryProblem() : s.geometry().toText()));
            }
        }
        return rows;
    }

    @Test
    void a_document_with_its_vertices_and_transform_after_the_objects_reads_the_same_rows_as_its_cityjsonseq() throws Exception {
        Path doc = document("order.city.json", 5);
        Path seq = sequence("order.city.jsonl", 5);
        CityJsonRecordReader docReader = new CityJsonRecordReader(doc, ImportLimits.DEFAULTS);
        assertThat(docReader.declaredCrs()).map(SourceCrs::toString).contains(SourceCrs.parse("EPSG:4543").toString());
        List<String> fromDoc = read(docReader);
        List<String> fromSeq = read(new CityJsonSeqRecordReader(seq, ImportLimits.DEFAULTS));
        assertThat(fromDoc).hasSize(5).isEqualTo(fromSeq);
        assertThat(fromDoc.get(1)).contains("code=B1", "height_m=6.0", "base_elev_m=2200.0",
                "POLYGON ((600020 4050000, 600020 4050010, 600030 4050010, 600030 4050000, 600020 4050000))");
    }

    @Test
    void a_dangling_vertex_index_rejects_that_building_only_and_a_cut_sequence_fails_whole() throws Exception {
        Path bad = dir.resolve("dangling.city.jsonl");
        Files.writeString(bad, "{\"type\":\"CityJSON\",\"version\":\"2.0\"," + TRANSFORM + "}\n"
                + "{\"type\":\"CityJSONFeature\",\"id\":\"B0\",\"CityObjects\":{" + box(0, "BuildingPart", 0) + "},\"vertices\":["
                + boxVertices(0) + "]}\n"
                + "{\"type\":\"CityJSONFeature\",\"id\":\"B1\",\"CityObjects\":{" + box(1, "Building", 4) + "},\"vertices\":["
                + boxVertices(1) + "]}\n");
        List<String> rows = read(new CityJsonSeqRecordReader(bad, ImportLimits.DEFAULTS));
        assertThat(rows).hasSize(2);
        assertThat(rows.get(0)).contains("code=B0", "POLYGON");
        assertThat(rows.get(1)).contains("code=B1", "unreadable CityJSON geometry", "vertex index 8");

        byte[] whole = Files.readAllBytes(sequence("cut.city.jsonl", 3));
        Path cut = dir.resolve("cut2.city.jsonl");
        Files.write(cut, java.util.Arrays.copyOf(whole, whole.length - 40));
        assertThatThrownBy(() -> read(new CityJsonSeqRecordReader(cut, ImportLimits.DEFAULTS)))
                .isInstanceOf(ImportException.class).hasMessageContaining("truncated");
        Path noHeader = dir.resolve("noheader.city.jsonl");
        Files.writeString(noHeader, "{\"type\":\"CityJSONFeature\",\"id\":\"B0\",\"CityObjects\":{},\"vertices\":[]}\n");
        assertThatThrownBy(() -> new CityJsonSeqRecordReader(noHeader, ImportLimits.DEFAULTS))
                .isInstanceOf(ImportException.class).hasMessageContaining("header");
    }

    @Test
    void decimal_vertices_beside_a_transform_and_more_vertices_than_the_limit_are_refused() throws Exception {
        Path decimals = dir.resolve("decimals.city.json");
        Files.writeString(decimals, "{\"type\":\"CityJSON\"," + TRANSFORM + ",\"CityObjects\":{},\"vertices\":[[0.5,0,0]]}");
        assertThatThrownBy(() -> new CityJsonRecordReader(decimals, ImportLimits.DEFAULTS))
                .isInstanceOf(ImportException.class).hasMessageContaining("must be integers");
        Path doc = document("limit.city.json", 2);
        assertThatThrownBy(() -> new CityJsonRecordReader(doc, ImportLimits.DEFAULTS, 15)).isInstanceOf(ImportException.class)
                .hasMessageContaining("more than 15 vertices").hasMessageContaining(".city.jsonl")
                .matches(e -> ((ImportException) e).tooLarge());
    }

    @Test
    @org.junit.jupiter.api.Tag("slow")
    void files_larger_than_the_heap_stream_through_a_48_mb_jvm() throws Exception {
        int n = 110_000;
        Path doc = document("large.city.json", n);
        Path seq = sequence("large.city.jsonl", n);
        assertThat(Files.size(doc)).as("a document larger than the heap (its JSON tree would need ten times more)").isGreaterThan(50L << 20);
        for (Path file : List.of(doc, seq)) {
            Path log = dir.resolve(file.getFileName() + ".log");
            Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx48m",
                    "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"), CityJsonReadProbe.class.getName(), file.toString())
                    .redirectErrorStream(true).redirectOutput(log.toFile()).start();
            assertThat(p.waitFor(5, TimeUnit.MINUTES)).as("probe finished").isTrue();
            String out = Files.readString(log);
            assertThat(p.exitValue()).as(out).isZero();
            assertThat(out).as(file.getFileName().toString()).contains("records=" + n + " rejected=0");
        }
    }
}
