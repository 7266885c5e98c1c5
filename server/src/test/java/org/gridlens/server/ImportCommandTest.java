package org.gridlens.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.gridlens.geodata.db.Database;
import org.gridlens.geodata.importing.ImportLayer;
import org.gridlens.geodata.testing.RegionFixture;
import org.gridlens.geodata.testing.TestDatabase;
import org.gridlens.server.config.ConfigLoader;
import org.gridlens.server.config.GridLensConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code gridlens import}: argument parsing and exit codes against a real database. */
class ImportCommandTest {

    @TempDir
    Path dir;

    @Test
    void import_arguments_are_taken_out_and_the_configuration_flags_left() throws Exception {
        Files.writeString(dir.resolve("a.csv"), "x");
        List<String> args = new ArrayList<>(List.of("facilities", "a.csv", "--crs", "GCJ-02", "--mapping=m.json", "--http.port=0"));

        ImportCommand c = ImportCommand.parse(args, dir.toString());

        assertThat(c.layer()).isEqualTo(ImportLayer.FACILITIES);
        assertThat(c.file()).isEqualTo(dir.resolve("a.csv"));
        assertThat(c.crs().orElseThrow().gcj02()).isTrue();
        assertThat(c.mapping()).contains(dir.resolve("m.json"));
        assertThat(args).containsExactly("--http.port=0");
        assertThatThrownBy(() -> ImportCommand.parse(new ArrayList<>(List.of("spaceships", "a.csv")), dir.toString()))
                .hasMessageContaining("unknown layer");
        assertThatThrownBy(() -> ImportCommand.parse(new ArrayList<>(List.of("facilities", "missing.csv")), dir.toString()))
                .hasMessageContaining("no such file");
    }

    @Test
    void a_good_file_exits_0_and_a_truncated_one_exits_2_with_nothing_committed() throws Exception {
        try (Database db = TestDatabase.freshDatabase("cli_import")) {
            RegionFixture.insert(db.dataSource());
            GridLensConfig config = ConfigLoader.load(List.of("--db.url=" + db.target().jdbcUrl(), "--db.user=" + db.target().user(),
                    "--db.password=" + db.target().password(), "--db.docker=false"), Map.of());
            Files.writeString(dir.resolve("good.csv"), "code,type,name,lon,lat\nC1,market,东关市场,101.805,36.605\n");
            Files.writeString(dir.resolve("cut.geojson"), "{\"type\":\"FeatureCollection\",\"features\":[{\"type\":\"Feature\",");

            int ok = ImportCommand.parse(new ArrayList<>(List.of("facilities", "good.csv")), dir.toString()).run(config);
            int bad = ImportCommand.parse(new ArrayList<>(List.of("facilities", "cut.geojson")), dir.toString()).run(config);

            assertThat(ok).isZero();
            assertThat(bad).isEqualTo(2);
            try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT string_agg(code || ':' || name, ',') FROM facility")) {
                rs.next();
                assertThat(rs.getString(1)).isEqualTo("C1:东关市场");
            }
        }
    }
}
