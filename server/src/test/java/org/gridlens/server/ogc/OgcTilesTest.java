package org.gridlens.server.ogc;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.gridlens.geodata.security.Role;
import org.gridlens.geodata.testing.FreshDatabase;
import org.gridlens.geodata.testing.RegionFixture;
import org.gridlens.server.testing.Ogr;
import org.gridlens.server.testing.TestServer;
import org.gridlens.tiles.TileCoord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * OGC API – Tiles beside OGC API – Features under {@code /ogc}: the landing page, conformance, the
 * WebMercatorQuad definition, tilesets per collection with the same access rules as {@code /tiles},
 * tiles byte-identical to the XYZ tiles (same ETag, 304, gzip), hostile addresses refused with 4xx,
 * and GDAL's OGCAPI driver (Debian 12's gdal-bin), a client nobody here wrote, reading a layer.
 */
class OgcTilesTest {

    static final ObjectMapper JSON = new ObjectMapper();
    static final FreshDatabase db = FreshDatabase.named("ogctiles")
            .seededWith(RegionFixture::insert)
            .seededWith(OgcTilesTest::tilesAndIncidents);
    @RegisterExtension
    static final TestServer server = TestServer.over(db);
    static String wall;
    static String steward;

    static void tilesAndIncidents(DataSource ds) throws Exception {
        try (Connection c = ds.getConnection(); Statement st = c.createStatement()) {
            st.execute("""
                    INSERT INTO unit_cell (id, code, district_code, col, row, size_m, grid_code, geom)
                    SELECT r * 20 + q + 1, 'C' || (r * 20 + q + 1), '630102', q, r, 100, NULL,
                           ST_MakeEnvelope(101.80 + q * 0.001, 36.60 + r * 0.001, 101.80 + (q + 1) * 0.001, 36.60 + (r + 1) * 0.001, 4326)
                    FROM generate_series(0, 19) q, generate_series(0, 19) r;
                    INSERT INTO incident (district_code, source, source_id, kind, category_code, reported_at, status, geom)
                    SELECT '630102', 'hotline', 'O' || i, 'event', '0101', timestamptz '2026-01-01 10:00+08' + (i || ' days')::interval,
                           'reported', ST_SetSRID(ST_MakePoint(101.8105 + (i % 8) * 0.0011, 36.6105 + (i % 5) * 0.0013), 4326)
                    FROM generate_series(0, 29) i;
                    """);
        }
    }

    @BeforeAll
    static void start() throws Exception {
        wall = TestServer.issue(db, "ogc-wall", Role.WALL);
        steward = TestServer.issue(db, "ogc-steward", Role.DATA_STEWARD);
    }

    static JsonNode json(TestServer client, String path) throws Exception {
        HttpResponse<String> r = client.get(path);
        assertThat(r.statusCode()).as(path + ": " + r.body()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type").orElse("")).startsWith("application/json");
        return JSON.readTree(r.body());
    }

    static List<String> rels(JsonNode links) {
        List<String> out = new ArrayList<>();
        links.forEach(l -> out.add(l.get("rel").asText()));
        return out;
    }

    /** A tile near the middle of the fixture's grids. */
    static TileCoord centreTile(int z) {
        return TileCoord.containing(z, (RegionFixture.WEST + RegionFixture.EAST) / 2, (RegionFixture.SOUTH + RegionFixture.NORTH) / 2);
    }

    @Test
    void the_landing_page_and_conformance_declare_features_and_tiles_together() throws Exception {
        JsonNode landing = json(server.anonymous(), "/ogc");
        assertThat(rels(landing.get("links"))).contains("data", "conformance", "http://www.opengis.net/def/rel/ogc/1.0/tiling-schemes");
        List<String> classes = new ArrayList<>();
        json(server.anonymous(), "/ogc/conformance").get("conformsTo").forEach(c -> classes.add(c.asText()));
        assertThat(classes).contains(
                "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/core",
                "http://www.opengis.net/spec/ogcapi-tiles-1/1.0/conf/core",
                "http://www.opengis.net/spec/ogcapi-tiles-1/1.0/conf/tileset",
                "http://www.opengis.net/spec/ogcapi-tiles-1/1.0/conf/tilesets-list",
                "http://www.opengis.net/spec/ogcapi-tiles-1/1.0/conf/geodata-tilesets",
                "http://www.opengis.net/spec/ogcapi-tiles-1/1.0/conf/mvt");
        JsonNode list = json(server.anonymous(), "/ogc/tileMatrixSets");
        assertThat(list.at("/tileMatrixSets/0/id").asText()).isEqualTo("WebMercatorQuad");
        assertThat(list.at("/tileMatrixSets/0/links/0/href").asText()).isEqualTo(server.base() + "/ogc/tileMatrixSets/WebMercatorQuad");
    }

    @Test
    void web_mercator_quad_defines_zooms_0_to_22_with_the_standard_scales() throws Exception {
        JsonNode tms = json(server.anonymous(), "/ogc/tileMatrixSets/WebMercatorQuad");
        assertThat(tms.get("id").asText()).isEqualTo("WebMercatorQuad");
        assertThat(tms.get("crs").asText()).isEqualTo("http://www.opengis.net/def/crs/EPSG/0/3857");
        JsonNode m = tms.get("tileMatrices");
        assertThat(m.size()).isEqualTo(23);
        assertThat(m.get(0).get("scaleDenominator").asDouble()).isCloseTo(559082264.0287178, org.assertj.core.data.Offset.offset(1e-3));
        assertThat(m.get(0).get("cellSize").asDouble()).isCloseTo(156543.03392804097, org.assertj.core.data.Offset.offset(1e-6));
        assertThat(m.get(12).get("id").asText()).isEqualTo("12");
        assertThat(m.get(12).get("matrixWidth").asLong()).isEqualTo(4096);
        assertThat(m.get(22).get("matrixHeight").asLong()).isEqualTo(1L << 22);
        assertThat(m.get(5).get("pointOfOrigin").get(0).asDouble()).isEqualTo(-20037508.342789244);
        assertThat(server.anonymous().get("/ogc/tileMatrixSets/WorldCRS84Quad").statusCode()).isEqualTo(404);
    }

    @Test
    void collections_merge_feature_and_tile_layers_and_name_only_what_the_caller_may_read() throws Exception {
        JsonNode anon = json(server.anonymous(), "/ogc/collections");
        assertThat(ids(anon)).contains("grid", "unit_cell", "building", "district", "unit-cells", "buildings")
                .doesNotContain("heat", "incident", "household");
        // the feature collection links to the tilesets of the tile layer over the same table
        JsonNode unitCells = collection(anon, "unit-cells");
        assertThat(rels(unitCells.get("links"))).contains("items", "http://www.opengis.net/def/rel/ogc/1.0/tilesets-vector");
        assertThat(href(unitCells.get("links"), "http://www.opengis.net/def/rel/ogc/1.0/tilesets-vector"))
                .isEqualTo(server.base() + "/ogc/collections/unit_cell/tiles");
        JsonNode unitCell = collection(anon, "unit_cell");
        assertThat(rels(unitCell.get("links"))).contains("http://www.opengis.net/def/rel/ogc/1.0/tilesets-vector").doesNotContain("items");
        assertThat(unitCell.at("/extent/spatial/bbox/0").size()).isEqualTo(4);
        // incidents are a feature collection, but their tiles are for readers: no tiles link anonymously
        assertThat(rels(collection(anon, "incidents").get("links"))).doesNotContain("http://www.opengis.net/def/rel/ogc/1.0/tilesets-vector");
        JsonNode asWall = json(server.as(wall), "/ogc/collections");
        assertThat(ids(asWall)).contains("heat", "incident", "camera_sector").doesNotContain("household");
        assertThat(rels(collection(asWall, "incidents").get("links"))).contains("http://www.opengis.net/def/rel/ogc/1.0/tilesets-vector");
        assertThat(ids(json(server.as(steward), "/ogc/collections"))).contains("household");
        JsonNode grid = json(server.anonymous(), "/ogc/collections/grid");
        assertThat(grid.get("id").asText()).isEqualTo("grid");
        assertThat(rels(grid.get("links"))).contains("self", "http://www.opengis.net/def/rel/ogc/1.0/tilesets-vector").doesNotContain("items");
    }

    static List<String> ids(JsonNode collections) {
        List<String> out = new ArrayList<>();
        collections.get("collections").forEach(c -> out.add(c.get("id").asText()));
        return out;
    }

    static JsonNode collection(JsonNode collections, String id) {
        for (JsonNode c : collections.get("collections")) {
            if (c.get("id").asText().equals(id)) {
                return c;
            }
        }
        throw new AssertionError("no collection " + id);
    }

    @Test
    void a_tileset_names_its_matrix_set_limits_item_template_and_layer_schema() throws Exception {
        JsonNode list = json(server.anonymous(), "/ogc/collections/grid/tiles");
        JsonNode ts = list.at("/tilesets/0");
        assertThat(ts.get("dataType").asText()).isEqualTo("vector");
        assertThat(ts.get("tileMatrixSetURI").asText()).isEqualTo("http://www.opengis.net/def/tilematrixset/OGC/1.0/WebMercatorQuad");
        assertThat(ts.at("/links/0/href").asText()).isEqualTo(server.base() + "/ogc/collections/grid/tiles/WebMercatorQuad");
        JsonNode meta = json(server.anonymous(), "/ogc/collections/grid/tiles/WebMercatorQuad");
        JsonNode limits = meta.get("tileMatrixSetLimits");
        assertThat(limits.get(0).get("tileMatrix").asText()).isEqualTo("8");
        assertThat(limits.get(limits.size() - 1).get("tileMatrix").asText()).isEqualTo("22");
        JsonNode z14 = limits.get(14 - 8);
        TileCoord c = centreTile(14);
        assertThat(c.x()).isBetween(z14.get("minTileCol").asInt(), z14.get("maxTileCol").asInt());
        assertThat(c.y()).isBetween(z14.get("minTileRow").asInt(), z14.get("maxTileRow").asInt());
        JsonNode item = null;
        for (JsonNode l : meta.get("links")) {
            if (l.get("rel").asText().equals("item")) {
                item = l;
            }
        }
        assertThat(item).isNotNull();
        assertThat(item.get("type").asText()).isEqualTo("application/vnd.mapbox-vector-tile");
        assertThat(item.get("templated").asBoolean()).isTrue();
        assertThat(item.get("href").asText()).isEqualTo(server.base() + "/ogc/collections/grid/tiles/WebMercatorQuad/{tileMatrix}/{tileRow}/{tileCol}");
        assertThat(meta.at("/layers/0/id").asText()).isEqualTo("grid");
        assertThat(meta.at("/layers/0/propertiesSchema/properties/code/type").asText()).isEqualTo("string");
        assertThat(rels(meta.get("links"))).contains("http://www.opengis.net/def/rel/ogc/1.0/tiling-scheme");
    }

    @Test
    void an_ogc_tile_is_the_xyz_tile_with_the_same_etag_304_and_gzip() throws Exception {
        TileCoord t = centreTile(14);
        String ogc = "/ogc/collections/grid/tiles/WebMercatorQuad/" + t.z() + "/" + t.y() + "/" + t.x();
        HttpResponse<byte[]> a = server.anonymous().getBytes(ogc);
        HttpResponse<byte[]> b = server.anonymous().getBytes("/tiles/grid/" + t.z() + "/" + t.x() + "/" + t.y() + ".mvt");
        assertThat(a.statusCode()).isEqualTo(200);
        assertThat(a.body()).isNotEmpty().isEqualTo(b.body());
        assertThat(a.headers().firstValue("Content-Type")).contains("application/vnd.mapbox-vector-tile");
        String etag = a.headers().firstValue("ETag").orElseThrow();
        assertThat(b.headers().firstValue("ETag")).contains(etag);
        assertThat(server.anonymous().send(server.anonymous().request(ogc).header("If-None-Match", etag).build(),
                HttpResponse.BodyHandlers.discarding()).statusCode()).isEqualTo(304);
        HttpResponse<byte[]> gz = server.anonymous().send(server.anonymous().request(ogc).header("Accept-Encoding", "gzip").build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(gz.headers().firstValue("Content-Encoding")).contains("gzip");
        assertThat(new java.util.zip.GZIPInputStream(new java.io.ByteArrayInputStream(gz.body())).readAllBytes()).isEqualTo(a.body());
        assertThat(server.anonymous().getBytes(ogc + "?f=mvt").body()).isEqualTo(a.body());
    }

    @Test
    void reader_and_personal_layers_keep_their_access_rules() throws Exception {
        TileCoord t = centreTile(12);
        String incident = "/ogc/collections/incident/tiles/WebMercatorQuad/" + t.z() + "/" + t.y() + "/" + t.x();
        assertThat(server.anonymous().get(incident).statusCode()).isEqualTo(401);
        assertThat(server.anonymous().get("/ogc/collections/heat/tiles").statusCode()).isEqualTo(401);
        assertThat(server.anonymous().get("/ogc/collections/heat").statusCode()).isEqualTo(401);
        HttpResponse<byte[]> ok = server.as(wall).getBytes(incident);
        assertThat(ok.statusCode()).isEqualTo(200);
        assertThat(ok.body()).isNotEmpty();
        assertThat(ok.headers().firstValue("Cache-Control").orElse("")).startsWith("private");
        TileCoord h = centreTile(16);
        String household = "/ogc/collections/household/tiles/WebMercatorQuad/" + h.z() + "/" + h.y() + "/" + h.x();
        assertThat(server.anonymous().get(household).statusCode()).isEqualTo(401);
        assertThat(server.as(wall).get(household).statusCode()).isEqualTo(403);
        assertThat(server.as(wall).get("/ogc/collections/household/tiles/WebMercatorQuad").statusCode()).isEqualTo(403);
        HttpResponse<byte[]> personal = server.as(steward).getBytes(household);
        assertThat(personal.statusCode()).isEqualTo(200);
        assertThat(personal.headers().firstValue("Cache-Control")).contains("private, no-store");
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "/ogc/collections/grid/tiles/WebMercatorQuad/abc/1/1",
        "/ogc/collections/grid/tiles/WebMercatorQuad/30/1/1",
        "/ogc/collections/grid/tiles/WebMercatorQuad/3/9/1",
        "/ogc/collections/grid/tiles/WebMercatorQuad/3/1/-1",
        "/ogc/collections/grid/tiles/WebMercatorQuad/3/1/99999999999999999999",
        "/ogc/collections/grid/tiles/WebMercatorQuad/12/1/1?f=png",
        "/ogc/collections/grid/tiles/WebMercatorQuad/12/1/1?limit=5",
        "/ogc/collections/incident/tiles/WebMercatorQuad/12/1/1?from=1900-01-01&to=2026-01-01",
    })
    void malformed_tile_addresses_and_parameters_are_400(String path) throws Exception {
        HttpResponse<String> r = server.as(wall).get(path);
        assertThat(r.statusCode()).as(path + ": " + r.body()).isEqualTo(400);
        assertThat(r.body()).doesNotContain("Exception").doesNotContain("SELECT");
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "/ogc/collections/nothing/tiles",
        "/ogc/collections/nothing/tiles/WebMercatorQuad/12/1/1",
        "/ogc/collections/grid,heat/tiles/WebMercatorQuad/12/1/1",
        "/ogc/collections/grid/tiles/WorldCRS84Quad",
        "/ogc/collections/grid/tiles/WorldCRS84Quad/12/1/1",
        "/ogc/collections/%3Cscript%3E/tiles",
        "/ogc/collections/nothing",
    })
    void unknown_collections_and_matrix_sets_are_404(String path) throws Exception {
        HttpResponse<String> r = server.as(wall).get(path);
        assertThat(r.statusCode()).as(path + ": " + r.body()).isEqualTo(404);
        assertThat(r.body()).doesNotContain("<script>");
    }

    /**
     * A client that knows only the landing page follows the links (data → collection → vector tilesets →
     * tileset → item template), fetches a tile and reads it with GDAL's MVT driver.
     *
     * <p>GDAL 3.6.2's OGCAPI driver (Debian 12) cannot be used for this: it fetches and parses the
     * collection, tilesets, tileset and tile matrix set documents, but files the tileset's
     * {@code item} link of type {@code application/vnd.mapbox-vector-tile} among map (image) links and
     * never takes it as the vector tile URL, so {@code ogrinfo OGCAPI:...} opens nothing (checked under gdb:
     * its vector tile URL stays empty). Newer GDAL releases separate map and vector tilesets.
     */
    @Test
    void a_client_following_links_gets_tiles_that_gdal_reads_with_the_sql_count(@TempDir Path tmp)
            throws Exception {
        TestServer anon = server.anonymous();
        String collections = href(json(anon, "/ogc").get("links"), "data");
        JsonNode grid = collection(json(anon, path(collections)), "grid");
        String tilesets = href(grid.get("links"), "http://www.opengis.net/def/rel/ogc/1.0/tilesets-vector");
        String tileset = href(json(anon, path(tilesets)).at("/tilesets/0/links"), "self");
        String template = href(json(anon, path(tileset)).get("links"), "item");
        TileCoord t = centreTile(14);
        String tile = template.replace("{tileMatrix}", "" + t.z()).replace("{tileRow}", "" + t.y()).replace("{tileCol}", "" + t.x());
        HttpResponse<byte[]> r = anon.getBytes(path(tile));
        assertThat(r.statusCode()).isEqualTo(200);
        String info = Ogr.infoOfTile(tmp, t.z(), t.x(), t.y(), r.body());
        long grids;
        try (Connection c = db.dataSource().getConnection(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT count(*) FROM region WHERE level = 'grid' AND ST_Intersects(ST_Transform(geom, 3857), "
                     + "ST_TileEnvelope(" + t.z() + ", " + t.x() + ", " + t.y() + ", margin => 64 / 4096.0))")) {
            rs.next();
            grids = rs.getLong(1);
        }
        assertThat(grids).isPositive();
        assertThat(info).contains("Layer name: grid").contains("Feature Count: " + grids).contains("code (String) = ");
    }

    static String href(JsonNode links, String rel) {
        for (JsonNode l : links) {
            if (l.get("rel").asText().equals(rel)) {
                return l.get("href").asText();
            }
        }
        throw new AssertionError("no link " + rel + " in " + links);
    }

    /** The path of an absolute link of this server. */
    static String path(String href) {
        assertThat(href).startsWith(server.base());
        return href.substring(server.base().length());
    }
}
