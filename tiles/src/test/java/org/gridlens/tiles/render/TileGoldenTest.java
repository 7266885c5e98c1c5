package org.gridlens.tiles.render;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.gridlens.geodata.testing.FreshDatabase;
import org.gridlens.geodata.testing.RegionFixture;
import org.gridlens.tiles.TileCoord;
import org.gridlens.tiles.filter.TileFilter;
import org.gridlens.tiles.layer.LayerCatalog;
import org.gridlens.tiles.layer.LayerDefinition;
import org.gridlens.tiles.testing.MvtDecoder;
import org.gridlens.tiles.testing.TileFixture;
import org.gridlens.tiles.testing.Tiles;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Decoded tiles of the fixed fixture compared with readable golden files in
 * {@code src/test/resources/golden/}; run with {@code -Dgridlens.bless=true} to rewrite them after an
 * intended change (then review the diff). Also: seams at tile edges, hostile geometries and text, and the
 * count of features left out.
 */
class TileGoldenTest {

    static final boolean BLESS = Boolean.getBoolean("gridlens.bless");
    static final Path GOLDEN = Path.of("src/test/resources/golden");
    @RegisterExtension
    static final FreshDatabase db = FreshDatabase.named("tilegolden").seededWith(TileFixture::insert);
    static final LayerCatalog catalog = LayerCatalog.standard();
    static TileRenderer renderer;

    @BeforeAll
    static void load() throws Exception {
        renderer = TileRenderer.over(db.database(), catalog, Duration.ofSeconds(10), 4);
    }

    static byte[] render(String layers, TileCoord t, TileFilter f) throws Exception {
        List<LayerDefinition> ls = new ArrayList<>();
        for (String id : layers.split(",")) {
            ls.add(catalog.find(id).orElseThrow());
        }
        return renderOut(ls, t, f).bytes();
    }

    static RenderedTile renderOut(List<LayerDefinition> ls, TileCoord t, TileFilter f) throws Exception {
        return renderer.render(new TileRequest(ls, t, f), 0);
    }

    static Stream<Arguments> goldenTiles() {
        TileFilter january = new TileFilter(Optional.of(LocalDate.of(2026, 1, 1)), Optional.of(LocalDate.of(2026, 2, 1)),
                List.of("0101"), List.of(), List.of());
        return Stream.of(
                Arguments.of("grid_z14", "grid", Tiles.at(14, 101.81, 36.61), TileFilter.NONE),
                Arguments.of("buildings_parcels_z17", "parcel,building", Tiles.at(17, 101.8040, 36.6040), TileFilter.NONE),
                Arguments.of("incident_squares_z10", "incident", Tiles.at(10, 101.81, 36.61), TileFilter.NONE),
                Arguments.of("incident_cells_z13_january_0101", "incident", Tiles.at(13, 101.81, 36.61), january),
                Arguments.of("heat_cells_z15", "heat", Tiles.at(15, 101.8125, 36.6125), TileFilter.NONE),
                // Squares of both bands (their binning is one shared fragment), blessed before it was shared.
                Arguments.of("heat_squares_z10", "heat", Tiles.at(10, 101.81, 36.61), TileFilter.NONE),
                Arguments.of("heat_squares_z12_january_0101", "heat", Tiles.at(12, 101.81, 36.61), january),
                Arguments.of("incident_squares_z12_january_0101", "incident", Tiles.at(12, 101.81, 36.61), january),
                Arguments.of("cameras_facilities_z16", "camera,camera_sector,facility,facility_area,component",
                        Tiles.at(16, 101.806, 36.606), TileFilter.NONE),
                Arguments.of("population_z12", "population", Tiles.at(12, 101.81, 36.61), TileFilter.NONE));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("goldenTiles")
    void decoded_tiles_match_their_golden_files(String name, String layers, TileCoord t, TileFilter f) throws Exception {
        String dump = "tile " + layers + " " + t + " " + f + "\n" + MvtDecoder.dump(MvtDecoder.decode(render(layers, t, f)));
        Path file = GOLDEN.resolve(name + ".txt");
        if (BLESS) {
            Files.createDirectories(GOLDEN);
            Files.writeString(file, dump, StandardCharsets.UTF_8);
        }
        assertThat(file).as("golden file (bless with -Dgridlens.bless=true)").exists();
        assertThat(dump).isEqualTo(Files.readString(file, StandardCharsets.UTF_8));
    }

    @Test
    void a_polygon_crossing_a_tile_edge_continues_exactly_into_the_buffer_of_both_tiles() throws Exception {
        // The district square spans many z16 tiles; take two side by side inside it, and two stacked.
        TileCoord a = Tiles.at(16, 101.81, 36.61);
        TileCoord right = new TileCoord(16, a.x() + 1, a.y());
        TileCoord below = new TileCoord(16, a.x(), a.y() + 1);
        int[] ba = bbox(a);
        int[] br = bbox(right);
        int[] bb = bbox(below);
        // The district covers these tiles entirely: each part is clipped to the buffer on every side.
        assertThat(ba).containsExactly(-64, -64, 4160, 4160);
        assertThat(br).containsExactly(-64, -64, 4160, 4160);
        // Near the district's east edge: the part in the edge tile stops at the same place in both zooms.
        TileCoord east = Tiles.at(16, RegionFixture.EAST - 0.0001, 36.61);
        TileCoord eastNeighbour = new TileCoord(16, east.x() + 1, east.y());
        int[] be = bbox(east);
        int[] bn = bbox(eastNeighbour);
        assertThat(be[2]).isLessThan(4096);
        assertThat(bn).as("the district does not reach the next tile (nor its buffer)").isNull();
        assertThat(bb[1]).isEqualTo(-64);
    }

    @Test
    void neighbouring_tiles_agree_on_a_shared_edge_inside_the_buffer() throws Exception {
        // Grid 001 (north-west quadrant) ends at 101.81; the tiles left and right of that meridian at z17
        // both carry its east edge: at x = e in the left tile and at x = e - 4096 in the right one.
        TileCoord left = Tiles.at(17, 101.81 - 0.00001, 36.615);
        TileCoord rightTile = new TileCoord(17, left.x() + 1, left.y());
        MvtDecoder.Feature gl = feature(render("grid", left, TileFilter.NONE), "630102001001001");
        MvtDecoder.Feature gr = feature(render("grid", rightTile, TileFilter.NONE), "630102001001001");
        int eastInLeft = gl.parts().get(0).stream().mapToInt(p -> p[0]).max().orElseThrow();
        if (gr != null) {
            int eastInRight = gr.parts().get(0).stream().mapToInt(p -> p[0]).max().orElseThrow();
            assertThat(eastInRight + 4096).isEqualTo(eastInLeft);
        } else {
            assertThat(eastInLeft).isLessThanOrEqualTo(4096 - 64);
        }
        assertThat(gl.id()).isNotNull();
    }

    @Test
    void hostile_geometries_and_text_give_valid_tiles_sub_pixel_features_are_left_out_and_huge_ones_clipped() throws Exception {
        TileCoord t = Tiles.at(14, 101.8101, 36.6101);
        List<MvtDecoder.Layer> ls = MvtDecoder.decode(render("parcel,building", t, TileFilter.NONE));
        MvtDecoder.Layer parcels = ls.get(0);
        assertThat(parcels.features()).noneMatch(f -> "P-tiny".equals(f.properties().get("code")));
        MvtDecoder.Feature huge = parcels.features().stream().filter(f -> "P-huge".equals(f.properties().get("code"))).findFirst().orElseThrow();
        assertThat(huge.parts().get(0)).allMatch(p -> p[0] >= -64 && p[0] <= 4160 && p[1] >= -64 && p[1] <= 4160);
        assertThat(((Number) huge.properties().get("z_min")).doubleValue()).isEqualTo(-5.0);
        TileCoord deep = Tiles.at(22, 101.8150, 36.6150);
        assertThat(MvtDecoder.decode(render("building", deep, TileFilter.NONE)).stream().flatMap(l -> l.features().stream()))
                .as("a 2 mm building is below a pixel even at z22").noneMatch(f -> "B3".equals(f.properties().get("code")));
        MvtDecoder.Feature b2 = MvtDecoder.decode(render("building", Tiles.at(17, 101.8052, 36.6042), TileFilter.NONE)).get(0)
                .features().stream().filter(f -> "B2".equals(f.properties().get("code"))).findFirst().orElseThrow();
        assertThat(b2.properties().get("use")).isEqualTo("商业 \"mall\" \\ 🏬");
        assertThat(b2.properties()).doesNotContainKey("year");
    }

    @Test
    void features_left_out_are_counted_by_layer_and_reason_never_silently() throws Exception {
        TileCoord t = Tiles.at(14, 101.8101, 36.6101);
        RenderedTile r = renderOut(List.of(catalog.find("parcel").orElseThrow(), catalog.find("building").orElseThrow()), t,
                TileFilter.NONE);
        long tiny = db.count("SELECT count(*) FROM parcel WHERE code = 'P-tiny'");
        assertThat(tiny).as("the fixture has its sub-pixel parcel").isOne();
        RenderedTile.LeftOut parcels = r.leftOut().stream().filter(l -> l.layer().equals("parcel")).findFirst().orElseThrow();
        assertThat(parcels.belowPixel()).as("P-tiny is below a pixel at z14 and said so").isGreaterThanOrEqualTo(1);
        assertThat(r.leftOutSummary()).contains("parcel;below_pixel=" + parcels.belowPixel() + ";collapsed=" + parcels.collapsed());
        // every parcel the tile's search box meets is either in the tile or counted as left out
        long inTile = MvtDecoder.decode(r.bytes()).stream().filter(l -> l.name().equals("parcel")).mapToLong(l -> l.features().size()).sum();
        long met = db.count("""
                SELECT count(*) FROM parcel
                WHERE geom_3857 && ST_TileEnvelope(%d, %d, %d, margin => 64 / 4096.0)""".formatted(t.z(), t.x(), t.y()));
        assertThat(inTile + parcels.belowPixel() + parcels.collapsed()).isEqualTo(met);

        TileCoord deep = Tiles.at(22, 101.8150, 36.6150);
        RenderedTile b3 = renderOut(List.of(catalog.find("building").orElseThrow()), deep, TileFilter.NONE);
        assertThat(b3.leftOut()).as("the 2 mm building B3 is left out even at z22, and counted")
                .anySatisfy(l -> assertThat(l.layer()).isEqualTo("building"))
                .allSatisfy(l -> assertThat(l.belowPixel()).isGreaterThanOrEqualTo(1));

        RenderedTile nothing = renderOut(List.of(catalog.find("district").orElseThrow()), Tiles.at(12, 101.8101, 36.6101), TileFilter.NONE);
        assertThat(nothing.leftOut()).as("a tile that leaves nothing out reports nothing").isEmpty();
        assertThat(nothing.leftOutSummary()).isEmpty();
    }

    static int[] bbox(TileCoord t) throws Exception {
        List<MvtDecoder.Layer> ls = MvtDecoder.decode(render("district", t, TileFilter.NONE));
        if (ls.isEmpty() || ls.get(0).features().isEmpty()) {
            return null;
        }
        int[] b = {Integer.MAX_VALUE, Integer.MAX_VALUE, Integer.MIN_VALUE, Integer.MIN_VALUE};
        for (int[] p : ls.get(0).features().get(0).parts().get(0)) {
            b[0] = Math.min(b[0], p[0]);
            b[1] = Math.min(b[1], p[1]);
            b[2] = Math.max(b[2], p[0]);
            b[3] = Math.max(b[3], p[1]);
        }
        return b;
    }

    static MvtDecoder.Feature feature(byte[] tile, String code) {
        return MvtDecoder.decode(tile).stream().flatMap(l -> l.features().stream())
                .filter(f -> code.equals(f.properties().get("code"))).findFirst().orElse(null);
    }
}
