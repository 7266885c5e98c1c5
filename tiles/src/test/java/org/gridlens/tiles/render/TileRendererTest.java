package org.gridlens.tiles.render;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.gridlens.geodata.testing.FreshDatabase;
import org.gridlens.geodata.testing.RegionFixture;
import org.gridlens.tiles.TileCoord;
import org.gridlens.tiles.filter.TileFilter;
import org.gridlens.tiles.layer.LayerBand;
import org.gridlens.tiles.layer.LayerCatalog;
import org.gridlens.tiles.layer.LayerDefinition;
import org.gridlens.tiles.layer.LayerField;
import org.gridlens.tiles.testing.MvtDecoder;
import org.gridlens.tiles.testing.TileFixture;
import org.gridlens.tiles.testing.Tiles;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Every layer of the catalog rendered by PostGIS over the fixed fixture, decoded by a strict decoder. */
class TileRendererTest {

    static final double LON = (RegionFixture.WEST + RegionFixture.EAST) / 2;
    static final double LAT = (RegionFixture.SOUTH + RegionFixture.NORTH) / 2;
    @RegisterExtension
    static final FreshDatabase db = FreshDatabase.named("tilerender").seededWith(TileFixture::insert);
    static LayerCatalog catalog = LayerCatalog.standard();
    static TileRenderer renderer;

    @BeforeAll
    static void load() throws Exception {
        // The analytic layers read materialised results: compute them once over the fixture.
        new org.gridlens.geodata.analytics.layer.AnalyticLayerRefresher(db.dataSource(),
                org.gridlens.geodata.analytics.layer.AnalyticLayerRefresher.CoverageSource.straightLine(
                        new org.gridlens.geodata.analytics.coverage.CoverageCalculator(db.dataSource(),
                                org.gridlens.geodata.analytics.stats.SuppressionPolicy.DEFAULT)),
                java.time.Clock.systemUTC()).refreshAll();
        renderer = TileRenderer.over(db.database(), catalog, Duration.ofSeconds(10), 4);
    }

    static List<MvtDecoder.Layer> render(String layer, TileCoord t, TileFilter f, int level) throws Exception {
        return MvtDecoder.decode(renderer.render(new TileRequest(List.of(catalog.find(layer).orElseThrow()), t, f), level).bytes());
    }

    @Test
    void every_band_of_every_layer_renders_valid_features_carrying_only_declared_fields() throws Exception {
        Set<String> seen = new HashSet<>();
        for (LayerDefinition d : catalog.all()) {
            for (LayerBand b : d.bands()) {
                for (int z : new int[] {b.minZoom(), Math.min(b.maxZoom(), Math.max(b.minZoom(), 16))}) {
                    for (int level = 0; level <= TileRenderer.MAX_LEVEL; level++) {
                        // Households exist only in buildings 1 and 3; every other layer has features at the centre.
                        TileCoord probe = d.id().equals("household") ? Tiles.at(z, 101.804, 36.604) : Tiles.at(z, LON, LAT);
                        List<MvtDecoder.Layer> layers = render(d.id(), probe, TileFilter.NONE, level);
                        Set<String> declared = d.fields().stream().map(LayerField::name).collect(Collectors.toSet());
                        for (MvtDecoder.Layer l : layers) {
                            assertThat(l.name()).isEqualTo(d.id());
                            assertThat(l.extent()).isEqualTo(4096);
                            assertThat(l.version()).isEqualTo(2);
                            for (MvtDecoder.Feature f : l.features()) {
                                assertThat(f.id()).as(d.id() + " feature id").isNotNull();
                                assertThat(declared).as(d.id() + " z" + z).containsAll(f.properties().keySet());
                                String expected = switch (d.geometryType()) {
                                    case "polygon" -> "POLYGON";
                                    case "line" -> "LINESTRING";
                                    default -> "POINT";
                                };
                                assertThat(f.type()).as(d.id()).isEqualTo(expected);
                                seen.add(d.id());
                            }
                        }
                    }
                }
            }
        }
        assertThat(seen).as("layers with features over the fixture")
                .containsAll(catalog.all().stream().map(LayerDefinition::id).toList());
    }

    @Test
    void households_carry_their_residents_unsuppressed_with_their_needs() throws Exception {
        List<MvtDecoder.Feature> fs = render("household", Tiles.at(17, 101.804, 36.604), TileFilter.NONE, 0).get(0).features();
        assertThat(fs).hasSize(1);
        Map<String, Object> h1 = fs.get(0).properties();
        assertThat(h1).containsEntry("unit", "H1").containsEntry("building", "B1");
        assertThat(((Number) h1.get("residents")).intValue()).isEqualTo(12);
        assertThat(((Number) h1.get("elderly_alone")).intValue()).isEqualTo(2);
        assertThat(((Number) h1.get("low_income")).intValue()).isEqualTo(10);
        assertThat(fs.get(0).id()).isEqualTo(1L);
        List<MvtDecoder.Feature> small = render("household", Tiles.at(17, 101.815, 36.615), TileFilter.NONE, 0).get(0).features();
        assertThat(((Number) small.get(0).properties().get("residents")).intValue()).as("3 residents, not suppressed").isEqualTo(3);
        assertThat(((Number) small.get(0).properties().get("floating")).intValue()).isEqualTo(3);
    }

    @Test
    void low_zoom_incident_tiles_carry_counts_not_points_and_the_counts_add_up() throws Exception {
        for (int z = 8; z <= 14; z++) {
            long total = 0;
            for (TileCoord t : covering(z)) {
                for (MvtDecoder.Layer l : render("incident", t, TileFilter.NONE, 0)) {
                    for (MvtDecoder.Feature f : l.features()) {
                        assertThat(f.properties().get("agg")).isIn("square", "cell");
                        total += ((Number) f.properties().get("count")).longValue();
                    }
                }
            }
            assertThat(total).as("z" + z + ": every incident counted once over the tiles of the fixture").isEqualTo(52);
        }
        List<MvtDecoder.Layer> points = render("incident", Tiles.at(15, 101.8125, 36.6125), TileFilter.NONE, 0);
        assertThat(points.get(0).features()).allMatch(f -> "point".equals(f.properties().get("agg")));
    }

    @Test
    void filters_select_the_same_incidents_as_sql_does() throws Exception {
        TileFilter f = new TileFilter(Optional.of(LocalDate.of(2026, 1, 5)), Optional.of(LocalDate.of(2026, 1, 30)),
                List.of("0101"), List.of(), List.of());
        TileFilter g = new TileFilter(Optional.empty(), Optional.empty(), List.of(), List.of("closed"), List.of("hotline", "camera"));
        for (TileFilter filter : List.of(f, g)) {
            long sql = db.count(filter == f
                    ? "SELECT count(*) FROM incident WHERE category_code = '0101' AND reported_at >= '2026-01-05 00:00+08' AND reported_at < '2026-01-30 00:00+08'"
                    : "SELECT count(*) FROM incident WHERE status = 'closed' AND source IN ('hotline', 'camera')");
            for (int z : new int[] {10, 13}) {
                long total = 0;
                for (TileCoord t : covering(z)) {
                    total += render("incident", t, filter, 0).stream().flatMap(l -> l.features().stream())
                            .mapToLong(x -> ((Number) x.properties().get("count")).longValue()).sum();
                }
                assertThat(total).as(filter + " z" + z).isEqualTo(sql).isPositive();
            }
        }
    }

    @Test
    void heat_is_normalised_over_the_district_so_the_hottest_cell_is_one_everywhere() throws Exception {
        List<MvtDecoder.Layer> l = render("heat", Tiles.at(14, LON, LAT), TileFilter.NONE, 0);
        double max = l.get(0).features().stream().mapToDouble(x -> ((Number) x.properties().get("value")).doubleValue()).max().orElseThrow();
        assertThat(max).isEqualTo(1.0);
        // A tile without the hottest cell still divides by the district maximum, as SQL finds it.
        long districtMax = db.count("SELECT max(n) FROM (SELECT cell_id, count(*) AS n FROM incident GROUP BY cell_id) x");
        TileCoord south = Tiles.at(17, 101.8005, 36.6005);
        for (MvtDecoder.Feature x : render("heat", south, TileFilter.NONE, 0).get(0).features()) {
            double v = ((Number) x.properties().get("value")).doubleValue();
            long n = ((Number) x.properties().get("count")).longValue();
            assertThat(v).isLessThan(1.0).isCloseTo(n / (double) districtMax, org.assertj.core.data.Offset.offset(0.001));
        }
    }

    @Test
    void population_is_per_grid_with_small_counts_suppressed() throws Exception {
        List<MvtDecoder.Feature> fs = render("population", Tiles.at(14, LON, LAT), TileFilter.NONE, 0).get(0).features();
        MvtDecoder.Feature g3 = fs.stream().filter(x -> "630102001001003".equals(x.properties().get("code"))).findFirst().orElseThrow();
        assertThat(((Number) g3.properties().get("residents")).longValue()).isEqualTo(12);
        assertThat(((Number) g3.properties().get("low_income")).longValue()).isEqualTo(10);
        assertThat(g3.properties()).doesNotContainKey("elderly_alone");
        MvtDecoder.Feature g2 = fs.stream().filter(x -> "630102001001002".equals(x.properties().get("code"))).findFirst().orElseThrow();
        assertThat(g2.properties()).doesNotContainKey("residents");
        MvtDecoder.Feature g1 = fs.stream().filter(x -> "630102001001001".equals(x.properties().get("code"))).findFirst().orElseThrow();
        assertThat(((Number) g1.properties().get("residents")).longValue()).isZero();
    }

    /** The tiles at zoom z that cover the fixture district. */
    static List<TileCoord> covering(int z) {
        TileCoord nw = Tiles.at(z, RegionFixture.WEST, RegionFixture.NORTH);
        TileCoord se = Tiles.at(z, RegionFixture.EAST, RegionFixture.SOUTH);
        List<TileCoord> out = new java.util.ArrayList<>();
        for (int x = nw.x(); x <= se.x(); x++) {
            for (int y = nw.y(); y <= se.y(); y++) {
                out.add(new TileCoord(z, x, y));
            }
        }
        return out;
    }

}
