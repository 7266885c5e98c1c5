package org.gridlens.server.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;
import org.gridlens.geodata.security.Role;
import org.gridlens.geodata.testing.FreshDatabase;
import org.gridlens.geodata.testing.RegionFixture;
import org.gridlens.server.testing.TestServer;
import org.gridlens.tiles.TileCoord;
import org.gridlens.tiles.layer.LayerAccess;
import org.gridlens.tiles.layer.LayerCatalog;
import org.gridlens.tiles.layer.LayerDefinition;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Layer × caller matrix over every layer of the catalog: tiles, TileJSON and the layer list agree with
 * the layer's access level for anonymous callers and every role. Person-level layers answer 403 to
 * every role without person-level access and are absent from what it can list; their reads are
 * audited and never cacheable by shared caches.
 */
class LayerAccessMatrixTest {

    static final double LON = 101.8105;
    static final double LAT = 36.6105;
    static final FreshDatabase db = FreshDatabase.named("layer_matrix")
            .seededWith(RegionFixture::insert)
            .seededWith(LayerAccessMatrixTest::residents);
    @RegisterExtension
    static final TestServer server = TestServer.over(db, "--limits.client-rps=100000");
    static final Map<Role, String> tokens = new EnumMap<>(Role.class);
    static final ObjectMapper JSON = new ObjectMapper();

    static void residents(DataSource ds) throws Exception {
        try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
            s.execute("""
                    INSERT INTO building (id, code, district_code, grid_code, use, floors, height_m, base_elev_m, geom) VALUES
                      (1, 'B1', '630102', '630102001001003', 'residential', 6, 18.5, 2230,
                       ST_Multi(ST_MakeEnvelope(101.8100, 36.6100, 101.8110, 36.6110, 4326)))
                    """);
            s.execute("""
                    INSERT INTO housing_unit (id, code, district_code, building_id, floor, unit_no, area_m2, use) VALUES
                      (1, 'H1', '630102', 1, 3, '301', 80, 'residential')
                    """);
            s.execute("""
                    INSERT INTO resident (pid, district_code, housing_unit_id, birth_year, sex, registration, elderly_living_alone, needs)
                    VALUES ('P1', '630102', 1, 1940, 'F', 'registered', true, '{meals,medical}')
                    """);
        }
    }

    @BeforeAll
    static void start() throws Exception {
        for (Role r : Role.values()) {
            tokens.put(r, TestServer.issue(db, "layers-" + r.id(), r));
        }
    }

    @Test
    void every_layer_answers_each_caller_according_to_its_access_level() throws Exception {
        List<String> wrong = new ArrayList<>();
        List<Optional<Role>> callers = new ArrayList<>(List.of(Optional.empty()));
        for (Role r : Role.values()) {
            callers.add(Optional.of(r));
        }
        for (Optional<Role> caller : callers) {
            TestServer client = caller.map(r -> server.as(tokens.get(r))).orElse(server.anonymous());
            JsonNode listed = JSON.readTree(client.get("/api/layers").body()).path("layers");
            List<String> names = new ArrayList<>();
            listed.forEach(l -> names.add(l.path("id").asText()));
            for (LayerDefinition d : LayerCatalog.standard().all()) {
                boolean may = switch (d.access()) {
                    case PUBLIC -> true;
                    case READERS -> caller.isPresent() && caller.get() != Role.INTAKE;
                    case PERSONAL -> caller.isPresent() && caller.get().personLevel();
                };
                int refused = caller.isEmpty() ? 401 : 403;
                String who = caller.map(Role::id).orElse("anonymous");
                TileCoord t = at(Math.max(d.minZoom(), 16));
                int tile = client.get("/tiles/" + d.id() + "/" + t.z() + "/" + t.x() + "/" + t.y() + ".mvt").statusCode();
                int composite = client.get("/tiles/" + (d.id().equals("district") ? "grid," : "district,") + d.id() + "/" + t.z() + "/" + t.x() + "/" + t.y() + ".mvt").statusCode();
                int tileJson = client.get("/tiles/" + d.id() + ".json").statusCode();
                if (may != (tile == 200)) {
                    wrong.add(who + " tile " + d.id() + ": " + tile);
                }
                if (!may && (tile != refused || composite != refused || tileJson != refused)) {
                    wrong.add(who + " " + d.id() + ": tile " + tile + ", composite " + composite + ", TileJSON " + tileJson
                            + " (expected " + refused + ")");
                }
                if (may && (composite != 200 || tileJson != 200)) {
                    wrong.add(who + " " + d.id() + ": composite " + composite + ", TileJSON " + tileJson);
                }
                if (may != names.contains(d.id())) {
                    wrong.add(who + " " + d.id() + (may ? " missing from" : " listed in") + " /api/layers");
                }
            }
        }
        assertThat(wrong).isEmpty();
        assertThat(LayerCatalog.standard().all()).anyMatch(d -> d.access() == LayerAccess.PERSONAL);
    }

    @Test
    void a_person_level_tile_is_audited_and_never_stored_by_shared_caches() throws Exception {
        TileCoord t = at(17);
        String path = "/tiles/household/17/" + t.x() + "/" + t.y() + ".mvt";
        long before = audited();
        HttpResponse<byte[]> r = server.as(tokens.get(Role.DATA_STEWARD)).getBytes(path);
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body().length).as("the household tile carries the unit").isGreaterThan(20);
        assertThat(r.headers().firstValue("Cache-Control")).hasValue("private, no-store");
        assertThat(audited()).isEqualTo(before + 1);
        assertThat(server.as(tokens.get(Role.MANAGER)).get(path).statusCode()).isEqualTo(403);
        assertThat(audited()).as("a refused read is not a read").isEqualTo(before + 1);
        assertThat(server.anonymous().getBytes("/tiles/grid/14/" + at(14).x() + "/" + at(14).y() + ".mvt")
                .headers().firstValue("Cache-Control").orElseThrow()).startsWith("public");
    }

    private static long audited() throws SQLException {
        try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT count(*) FROM audit_log WHERE action = 'read.personal'")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static TileCoord at(int z) {
        return TileCoord.containing(z, LON, LAT);
    }
}
