package org.gridlens.geodata.importing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.gridlens.geodata.testing.FreshDatabase;
import org.gridlens.geodata.testing.RegionFixture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every importable format, cut short: the import fails whole with a message a data steward can act
 * on, and not one row of the file is committed. Each case then imports the complete file, to prove the
 * fixture itself is good, so the failure is the truncation's.
 */
class TruncatedFileTest {

    @RegisterExtension
    static final FreshDatabase db = FreshDatabase.named("truncated").seededWith(RegionFixture::insert);
    /** Stateless: one per test instance, over the class's database. */
    final LayerImporter importer = new LayerImporter(db.dataSource(), ImportLimits.DEFAULTS);
    @TempDir
    Path dir;

    ImportReport importFile(ImportLayer layer, Path f) {
        return importer.importFile(layer, f, f.getFileName().toString(), SourceMapping.NONE, Optional.empty());
    }

    Path cut(Path whole, String name, double fraction) throws Exception {
        byte[] b = Files.readAllBytes(whole);
        Path f = dir.resolve(name);
        Files.write(f, Arrays.copyOf(b, (int) (b.length * fraction)));
        return f;
    }

    /** Five facilities coded {@code prefix}0..4, as GeoJSON in EPSG:4326 (the source for ogr2ogr). */
    Path facilitiesGeoJson(String prefix, int n) throws Exception {
        StringBuilder sb = new StringBuilder("{\"type\":\"FeatureCollection\",\"features\":[");
        for (int i = 0; i < n; i++) {
            sb.append(i == 0 ? "" : ",").append("""
                    {"type":"Feature","properties":{"code":"%s%d","type":"kindergarten","name":"东关幼儿园%d号","capacity":%d},
                     "geometry":{"type":"Point","coordinates":[%s,36.605]}}""".formatted(prefix, i, i, 100 + i,
                    101.801 + (i % 18) * 0.001));
        }
        Path f = dir.resolve(prefix + ".geojson");
        Files.writeString(f, sb.append("]}").toString(), StandardCharsets.UTF_8);
        return f;
    }

    @Test
    void a_csv_cut_inside_a_row_or_a_quoted_field_fails_whole() throws Exception {
        StringBuilder sb = new StringBuilder("code,type,name,capacity,lon,lat\n");
        for (int i = 0; i < 50; i++) {
            sb.append("C").append(i).append(",kindergarten,\"幼儿园, ").append(i).append("号\",").append(100 + i)
                    .append(',').append(101.801 + (i % 18) * 0.001).append(",36.605\n");
        }
        Path whole = dir.resolve("whole.csv");
        Files.writeString(whole, sb.toString(), StandardCharsets.UTF_8);
        String text = sb.toString();
        Path midRow = dir.resolve("midrow.csv");
        Files.writeString(midRow, text.substring(0, text.lastIndexOf(",101.8")), StandardCharsets.UTF_8);
        Path midQuote = dir.resolve("midquote.csv");
        Files.writeString(midQuote, text.substring(0, text.lastIndexOf("幼儿园") + 2), StandardCharsets.UTF_8);

        assertThatThrownBy(() -> importFile(ImportLayer.FACILITIES, midRow)).isInstanceOf(ImportException.class)
                .hasMessageContaining("truncated").hasMessageContaining("data row 50");
        assertThatThrownBy(() -> importFile(ImportLayer.FACILITIES, midQuote)).isInstanceOf(ImportException.class)
                .hasMessageContaining("truncated");
        assertThat(db.count("SELECT count(*) FROM facility WHERE code LIKE 'C%'")).isZero();
        assertThat(importFile(ImportLayer.FACILITIES, whole).inserted()).as("the whole file is good").isEqualTo(50);
    }

    @Test
    void a_geopackage_cut_in_half_fails_whole() throws Exception {
        Path gpkg = dir.resolve("whole.gpkg");
        Gdal.run("ogr2ogr", "-f", "GPKG", gpkg.toString(), facilitiesGeoJson("P", 2000).toString());
        Path half = cut(gpkg, "half.gpkg", 0.5);

        assertThatThrownBy(() -> importFile(ImportLayer.FACILITIES, half)).isInstanceOf(ImportException.class)
                .hasMessageContaining("GeoPackage");
        assertThat(db.count("SELECT count(*) FROM facility WHERE code LIKE 'P%'")).isZero();
        assertThat(importFile(ImportLayer.FACILITIES, gpkg).inserted()).as("the whole file is good").isEqualTo(2000);
    }

    @Test
    void a_zipped_shapefile_cut_short_fails_whole() throws Exception {
        Path shpDir = Files.createDirectory(dir.resolve("shp"));
        Gdal.run("ogr2ogr", "-f", "ESRI Shapefile", "-lco", "ENCODING=GBK", shpDir.resolve("fac.shp").toString(),
                facilitiesGeoJson("S", 500).toString());
        Path zip = dir.resolve("whole.zip");
        try (ZipOutputStream z = new ZipOutputStream(Files.newOutputStream(zip)); var files = Files.list(shpDir)) {
            for (Path p : files.sorted().toList()) {
                z.putNextEntry(new ZipEntry(p.getFileName().toString()));
                z.write(Files.readAllBytes(p));
                z.closeEntry();
            }
        }
        Path cutZip = cut(zip, "cut.zip", 0.7);

        assertThatThrownBy(() -> importFile(ImportLayer.FACILITIES, cutZip)).isInstanceOf(ImportException.class)
                .hasMessageMatching("(?s).*(damaged|truncated|incomplete|no \\.shp|but no).*");
        assertThat(db.count("SELECT count(*) FROM facility WHERE code LIKE 'S%'")).isZero();
        assertThat(importFile(ImportLayer.FACILITIES, zip).inserted()).as("the whole file is good").isEqualTo(500);
    }

    static String cityJson() {
        return """
                {"type":"CityJSON","version":"2.0",
                 "transform":{"scale":[0.0001,0.0001,0.001],"translate":[101.805,36.605,0]},
                 "metadata":{"referenceSystem":"https://www.opengis.net/def/crs/EPSG/0/4326"},
                 "CityObjects":{"CJ1":{"type":"Building","attributes":{"use":"residential","floors":3},
                   "geometry":[{"type":"Solid","lod":"1","boundaries":[[[[0,3,2,1]],[[4,5,6,7]],[[0,1,5,4]],[[1,2,6,5]],
                     [[2,3,7,6]],[[3,0,4,7]]]]}]}},
                 "vertices":[[0,0,0],[1,0,0],[1,1,0],[0,1,0],[0,0,9000],[1,0,9000],[1,1,9000],[0,1,9000]]}""";
    }

    @Test
    void a_cityjson_cut_short_fails_whole_and_one_over_the_vertex_limit_is_refused_before_any_row() throws Exception {
        Path whole = dir.resolve("whole.city.json");
        Files.writeString(whole, cityJson(), StandardCharsets.UTF_8);
        Path cutFile = cut(whole, "cut.city.json", 0.8);

        assertThatThrownBy(() -> importFile(ImportLayer.BUILDINGS, cutFile)).isInstanceOf(ImportException.class)
                .hasMessageContaining("truncated");
        assertThatThrownBy(() -> new CityJsonRecordReader(whole, ImportLimits.DEFAULTS, 4)).isInstanceOf(ImportException.class)
                .hasMessageContaining("split it").matches(e -> ((ImportException) e).tooLarge());
        assertThat(db.count("SELECT count(*) FROM building WHERE code = 'CJ1'")).isZero();
        ImportReport r = importFile(ImportLayer.BUILDINGS, whole);
        assertThat(r.inserted()).as("the whole file is good: " + r.issues()).isEqualTo(1);
    }

    @Test
    void a_file_of_the_wrong_type_behind_a_right_extension_is_named_as_such() throws Exception {
        Path zipAsCsv = dir.resolve("really-a-zip.csv");
        try (ZipOutputStream z = new ZipOutputStream(Files.newOutputStream(zipAsCsv))) {
            z.putNextEntry(new ZipEntry("x.shp"));
            z.write(new byte[] {0, 0, 39, 10, 1, 2, 3});
            z.closeEntry();
        }
        Path textAsZip = dir.resolve("really-text.zip");
        Files.writeString(textAsZip, "code,lon,lat\nA,101.81,36.61\n");
        Path csvAsCityJson = dir.resolve("really-csv.city.json");
        Files.writeString(csvAsCityJson, "code,lon,lat\nA,101.81,36.61\n");

        assertThatThrownBy(() -> importFile(ImportLayer.FACILITIES, zipAsCsv)).isInstanceOf(ImportException.class)
                .hasMessageMatching("(?s).*(not a CSV|not valid|malformed|no geometry).*");
        assertThatThrownBy(() -> importFile(ImportLayer.FACILITIES, textAsZip)).isInstanceOf(ImportException.class)
                .hasMessageContaining("not a");
        assertThatThrownBy(() -> importFile(ImportLayer.BUILDINGS, csvAsCityJson)).isInstanceOf(ImportException.class)
                .hasMessageContaining("not a");
        assertThat(db.count("SELECT count(*) FROM facility WHERE code = 'A'") + db.count("SELECT count(*) FROM building WHERE code = 'A'"))
                .isZero();
    }
}
