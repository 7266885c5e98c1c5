package org.gridlens.geodata.intake;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.gridlens.geodata.db.Database;
import org.gridlens.geodata.testing.RegionFixture;
import org.gridlens.geodata.testing.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

/** The row triggers V43 made cheaper still do what V1 and V40 promised. */
class IntakeTriggersTest {

    static Database db;
    static final ObjectMapper JSON = new ObjectMapper();

    @BeforeAll
    static void open() throws Exception {
        db = TestDatabase.freshDatabase("intake_triggers");
        RegionFixture.insert(db.dataSource());
        try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement()) {
            s.execute("""
                    INSERT INTO unit_cell (id, code, district_code, col, row, size_m, grid_code, geom)
                    SELECT row_number() OVER (ORDER BY code), 'C' || code, '630102', row_number() OVER (ORDER BY code), 0, 100,
                           code, ST_GeometryN(geom, 1)
                    FROM region WHERE level = 'grid'""");
        }
    }

    @AfterAll
    static void close() {
        db.close();
    }

    private static String insert(String sourceId, String grid, String cell, double lon, double lat) {
        return "INSERT INTO incident (district_code, source, source_id, kind, category_code, reported_at, accepted_at, status,"
                + " geom, grid_code, cell_id) VALUES ('630102', 'hotline', '" + sourceId + "', 'event', '0101', now(), now(),"
                + " 'reported', ST_SetSRID(ST_MakePoint(" + lon + ", " + lat + "), 4326), " + grid + ", " + cell + ")";
    }

    private static String[] placement(Statement s, String sourceId) throws Exception {
        try (ResultSet rs = s.executeQuery("SELECT grid_code, cell_id, gl_grid_of(geom), gl_cell_of(geom) FROM incident"
                + " WHERE source_id = '" + sourceId + "'")) {
            rs.next();
            return new String[] {rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4)};
        }
    }

    @Test
    void rows_without_grid_or_cell_are_placed_rows_with_them_keep_them_and_moved_rows_are_placed_again() throws Exception {
        try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement()) {
            s.execute(insert("A-NONE", "NULL", "NULL", 101.805, 36.605));
            s.execute(insert("A-CELL-ONLY", "NULL", "1", 101.815, 36.615));
            s.execute(insert("A-GIVEN", "'630102001001001'", "2", 101.805, 36.605));
            String[] none = placement(s, "A-NONE");
            assertThat(none[0]).isNotNull().isEqualTo(none[2]);
            assertThat(none[1]).isNotNull().isEqualTo(none[3]);
            String[] cellOnly = placement(s, "A-CELL-ONLY");
            assertThat(cellOnly[0]).as("grid found, the given cell kept").isEqualTo(cellOnly[2]);
            assertThat(cellOnly[1]).isEqualTo("1");
            String[] given = placement(s, "A-GIVEN");
            assertThat(given[0]).as("a writer's grid and cell are trusted on insert").isEqualTo("630102001001001");
            assertThat(given[1]).isEqualTo("2");
            s.execute("UPDATE incident SET geom = ST_SetSRID(ST_MakePoint(101.815, 36.615), 4326) WHERE source_id = 'A-GIVEN'");
            String[] moved = placement(s, "A-GIVEN");
            assertThat(moved[0]).as("a moved point is placed again").isEqualTo(moved[2]).isNotEqualTo("630102001001001");
            assertThat(moved[1]).isEqualTo(moved[3]);
        }
    }

    @Test
    void an_insert_announces_each_row_in_id_order_and_a_big_one_announces_once() throws Exception {
        try (Connection listener = java.sql.DriverManager.getConnection(db.target().jdbcUrl(), db.target().user(),
                db.target().password()); Statement l = listener.createStatement();
             Connection c = db.dataSource().getConnection(); Statement s = c.createStatement()) {
            l.execute("LISTEN gridlens_incident");
            s.execute("INSERT INTO incident (district_code, source, source_id, kind, category_code, reported_at, accepted_at, status,"
                    + " geom, grid_code, cell_id) SELECT '630102', 'camera', 'N-' || i, 'event', '0301', now(), now(), 'reported',"
                    + " ST_SetSRID(ST_MakePoint(101.805, 36.605), 4326), NULL, NULL FROM generate_series(1, 3) i");
            s.execute("INSERT INTO incident (district_code, source, source_id, kind, category_code, reported_at, accepted_at, status,"
                    + " geom) SELECT '630102', 'camera', 'B-' || i, 'event', '0301', now(), now(), 'reported',"
                    + " ST_SetSRID(ST_MakePoint(101.805, 36.605), 4326) FROM generate_series(1, 51) i");
            List<JsonNode> notices = new ArrayList<>();
            long giveUp = System.nanoTime() + 10_000_000_000L;
            while (notices.size() < 4 && System.nanoTime() < giveUp) {
                PGNotification[] ns = listener.unwrap(PGConnection.class).getNotifications(500);
                if (ns != null) {
                    for (PGNotification n : ns) {
                        notices.add(JSON.readTree(n.getParameter()));
                    }
                }
            }
            assertThat(notices).hasSize(4);
            List<Long> ids = new ArrayList<>();
            for (JsonNode n : notices.subList(0, 3)) {
                assertThat(n.path("op").asText()).isEqualTo("insert");
                assertThat(n.path("category").asText()).isEqualTo("0301");
                assertThat(n.path("grid").asText()).as("the payload shows the placed row").isNotEmpty();
                assertThat(n.path("cell").isInt()).isTrue();
                assertThat(n.path("lon").asDouble()).isEqualTo(101.805);
                assertThat(n.path("lat").asDouble()).isEqualTo(36.605);
                assertThat(n.has("deadline") && n.has("dept") && n.has("vulnerable") && n.has("priority")).isTrue();
                ids.add(n.path("id").asLong());
            }
            assertThat(ids).isSorted().doesNotHaveDuplicates();
            assertThat(notices.get(3).path("op").asText()).isEqualTo("bulk_insert");
            assertThat(notices.get(3).path("count").asInt()).isEqualTo(51);
        }
    }
}
