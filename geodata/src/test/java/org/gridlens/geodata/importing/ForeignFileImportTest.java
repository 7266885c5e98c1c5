package org.gridlens.geodata.importing;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.gridlens.geodata.testing.FreshDatabase;
import org.gridlens.geodata.testing.RegionFixture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Files written by GDAL's ogr2ogr, a writer nobody here wrote, import with the right count, CRS and attributes. */
class ForeignFileImportTest {

    @RegisterExtension
    static final FreshDatabase db = FreshDatabase.named("foreign").seededWith(RegionFixture::insert);
    /** Stateless: one per test instance, over the class's database. */
    final LayerImporter importer = new LayerImporter(db.dataSource(), ImportLimits.DEFAULTS);
    @TempDir
    Path dir;

    /** Five facilities with Chinese names, in EPSG:4326 GeoJSON (the source ogr2ogr converts from). */
    Path facilitiesGeoJson(String prefix) throws Exception {
        StringBuilder sb = new StringBuilder("{\"type\":\"FeatureCollection\",\"features\":[");
        for (int i = 0; i < 5; i++) {
            sb.append(i == 0 ? "" : ",").append("""
                    {"type":"Feature","properties":{"code":"%s%d","type":"kindergarten","name":"东关幼儿园%d号","capacity":%d},
                     "geometry":{"type":"Point","coordinates":[%s,36.605]}}""".formatted(prefix, i, i, 100 + i, 101.801 + i * 0.003));
        }
        Path f = dir.resolve("src.geojson");
        Files.writeString(f, sb.append("]}").toString(), StandardCharsets.UTF_8);
        return f;
    }

    @Test
    void a_geopackage_written_by_ogr2ogr_in_gauss_krueger_imports_with_its_declared_crs() throws Exception {
        Path gpkg = dir.resolve("facilities.gpkg");
        Gdal.run("ogr2ogr", "-f", "GPKG", "-t_srs", "EPSG:4543", gpkg.toString(), facilitiesGeoJson("G").toString());

        ImportReport r = importer.importFile(ImportLayer.FACILITIES, gpkg, "facilities.gpkg", SourceMapping.NONE, Optional.empty());

        assertThat(r.crs()).isEqualTo("EPSG:4543");
        assertThat(r.inserted()).as(r.issues().toString()).isEqualTo(5);
        assertThat(db.text("SELECT name || '/' || capacity FROM facility WHERE code = 'G3'")).isEqualTo("东关幼儿园3号/103");
        assertThat(Double.parseDouble(db.text("SELECT ST_Distance(ST_Transform(geom, 4543), ST_Transform(ST_SetSRID("
                + "ST_MakePoint(101.810, 36.605), 4326), 4543)) FROM facility WHERE code = 'G3'"))).isLessThan(0.01);
    }

    @Test
    void a_zipped_shapefile_with_gbk_attributes_written_by_ogr2ogr_imports_without_mojibake() throws Exception {
        Path shpDir = Files.createDirectory(dir.resolve("shp"));
        Gdal.run("ogr2ogr", "-f", "ESRI Shapefile", "-lco", "ENCODING=GBK", shpDir.resolve("fac.shp").toString(),
                facilitiesGeoJson("S").toString());
        byte[] dbf = Files.readAllBytes(shpDir.resolve("fac.dbf"));
        assertThat(new String(dbf, StandardCharsets.ISO_8859_1)).as("the DBF really is GBK")
                .contains(new String("东关".getBytes("GBK"), StandardCharsets.ISO_8859_1));
        Path zip = dir.resolve("fac.zip");
        try (ZipOutputStream z = new ZipOutputStream(Files.newOutputStream(zip));
             var files = Files.list(shpDir)) {
            for (Path p : files.toList()) {
                z.putNextEntry(new ZipEntry("export/" + p.getFileName()));
                z.write(Files.readAllBytes(p));
                z.closeEntry();
            }
        }

        ImportReport r = importer.importFile(ImportLayer.FACILITIES, zip, "fac.zip", SourceMapping.NONE, Optional.empty());

        assertThat(r.inserted()).as(r.issues().toString()).isEqualTo(5);
        assertThat(r.crs()).isEqualTo("EPSG:4326");
        assertThat(db.text("SELECT name FROM facility WHERE code = 'S4'")).isEqualTo("东关幼儿园4号");
    }
}
