package org.gridlens.geodata.threed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.gridlens.geodata.db.Database;
import org.gridlens.geodata.importing.ImportLayer;
import org.gridlens.geodata.importing.ImportLimits;
import org.gridlens.geodata.importing.ImportReport;
import org.gridlens.geodata.importing.LayerImporter;
import org.gridlens.geodata.importing.SourceMapping;
import org.gridlens.geodata.testing.RegionFixture;
import org.gridlens.geodata.testing.TestDatabase;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

/** CityJSON out of one database and into another keeps every building's footprint area and volume within 1 %. */
class CityJsonRoundTripTest {

    @TempDir
    Path dir;

    static Map<String, double[]> measures(Database db) throws Exception {
        Map<String, double[]> out = new HashMap<>();
        try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT code, ST_Area(ST_Transform(geom, 4543)), height_m, base_elev_m,"
                     + " GeometryType(solid) FROM building")) {
            while (rs.next()) {
                out.put(rs.getString(1), new double[] {rs.getDouble(2), rs.getDouble(2) * rs.getDouble(3), rs.getDouble(4)});
                assertThat(rs.getString(5)).isEqualTo("POLYHEDRALSURFACE");
            }
        }
        return out;
    }

    @ParameterizedTest
    @ValueSource(strings = {"buildings.city.json", "buildings.city.jsonl"})
    void buildings_round_trip_through_cityjson_and_cityjsonseq_with_area_and_volume_within_one_percent(String name) throws Exception {
        boolean sequence = name.endsWith(".jsonl");
        Path file = dir.resolve(name);
        Map<String, double[]> before;
        try (Database a = TestDatabase.freshDatabase("cityjson_out" + (sequence ? "_seq" : ""))) {
            try (Connection c = a.dataSource().getConnection(); Statement s = c.createStatement()) {
                s.execute("""
                        INSERT INTO building (code, district_code, use, floors, height_m, base_elev_m, geom) VALUES
                          ('H1', '630102', 'residential', 6, 18.5, 2230.25,
                           ST_Multi(ST_GeomFromText('POLYGON((101.8001 36.6001,101.8005 36.6001,101.8005 36.6004,101.8001 36.6004,'
                             || '101.8001 36.6001),(101.8002 36.6002,101.8002 36.6003,101.8003 36.6003,101.8003 36.6002,101.8002 36.6002))', 4326))),
                          ('L1', '630102', 'office', 12, 44, 2231,
                           ST_Multi(ST_GeomFromText('POLYGON((101.8101 36.6101,101.8106 36.6101,101.8106 36.6103,101.8103 36.6103,'
                             || '101.8103 36.6106,101.8101 36.6106,101.8101 36.6101))', 4326))),
                          ('M1', '630102', 'school', 4, 16, 2229,
                           ST_GeomFromText('MULTIPOLYGON(((101.815 36.615,101.8152 36.615,101.8152 36.6152,101.815 36.6152,101.815 36.615)),'
                             || '((101.8155 36.615,101.8157 36.615,101.8157 36.6152,101.8155 36.6152,101.8155 36.615)))', 4326))""");
            }
            before = measures(a);
            try (OutputStream out = Files.newOutputStream(file)) {
                CityJsonWriter writer = new CityJsonWriter(a.dataSource());
                assertThat(sequence ? writer.writeSequence(out) : writer.write(out)).isEqualTo(3);
            }
        }
        assertThat(Files.readString(file)).startsWith("{\"type\":\"CityJSON\",\"version\":\"2.0\"").contains("\"Solid\"", "EPSG/0/4543");
        if (sequence) {
            assertThat(Files.readAllLines(file)).as("a header and one feature per line").hasSize(4)
                    .allMatch(l -> l.startsWith("{") && l.endsWith("}"))
                    .filteredOn(l -> l.contains("CityJSONFeature")).hasSize(3);
        }

        try (Database b = TestDatabase.freshDatabase("cityjson_in" + (sequence ? "_seq" : ""))) {
            RegionFixture.insert(b.dataSource());
            ImportReport r = new LayerImporter(b.dataSource(), ImportLimits.DEFAULTS)
                    .importFile(ImportLayer.BUILDINGS, file, name, SourceMapping.NONE, Optional.empty());
            assertThat(r.inserted()).as(r.issues().toString()).isEqualTo(3);
            assertThat(r.crs()).isEqualTo("EPSG:4543");
            Map<String, double[]> after = measures(b);
            assertThat(after).containsOnlyKeys(before.keySet());
            for (String code : before.keySet()) {
                double[] x = before.get(code);
                double[] y = after.get(code);
                assertThat(y[0]).as(code + " footprint area").isCloseTo(x[0], within(x[0] * 0.01));
                assertThat(y[1]).as(code + " volume").isCloseTo(x[1], within(x[1] * 0.01));
                assertThat(y[2]).as(code + " base").isCloseTo(x[2], within(0.01));
            }
        }
    }
}
