package org.gridlens.tiles.render;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.Set;
import java.util.stream.Collectors;
import org.gridlens.geodata.analytics.IncidentFilter;
import org.gridlens.geodata.analytics.TimeWindow;
import org.gridlens.geodata.analytics.coverage.CoverageCalculator;
import org.gridlens.geodata.analytics.coverage.CoverageReport;
import org.gridlens.geodata.analytics.coverage.CoverageRequest;
import org.gridlens.geodata.analytics.coverage.FacilityType;
import org.gridlens.geodata.analytics.coverage.GridCoverage;
import org.gridlens.geodata.analytics.hotspot.AggregationLevel;
import org.gridlens.geodata.analytics.hotspot.HotSpotAnalyzer;
import org.gridlens.geodata.analytics.hotspot.HotSpotRequest;
import org.gridlens.geodata.analytics.hotspot.IncidentAggregator;
import org.gridlens.geodata.analytics.layer.AnalyticLayerRefresher;
import org.gridlens.geodata.analytics.layer.AnalyticProduct;
import org.gridlens.geodata.analytics.stats.SuppressionPolicy;
import org.gridlens.geodata.events.ChangeFeed;
import org.gridlens.geodata.testing.FreshDatabase;
import org.gridlens.geodata.testing.RegionFixture;
import org.gridlens.tiles.TileCoord;
import org.gridlens.tiles.cache.TileService;
import org.gridlens.tiles.cache.TileServiceSettings;
import org.gridlens.tiles.filter.TileFilter;
import org.gridlens.tiles.layer.LayerCatalog;
import org.gridlens.tiles.layer.LayerField;
import org.gridlens.tiles.testing.MvtDecoder;
import org.gridlens.tiles.testing.TileFixture;
import org.gridlens.tiles.testing.Tiles;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The analytic tile layers (hotspot, hotarea, coverage, blind_spot) over the tile fixture: empty until
 * materialised, then equal to the analyses they come from, decoded from real tiles; refreshed only when
 * their inputs change; and a refresh drops the layer's cached tiles through the database change feed.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AnalyticLayerTilesTest {

    static final double LON = (RegionFixture.WEST + RegionFixture.EAST) / 2;
    static final double LAT = (RegionFixture.SOUTH + RegionFixture.NORTH) / 2;
    static final TileCoord WHOLE = Tiles.at(11, LON, LAT);
    static final List<String> ANALYTIC = List.of("hotspot", "hotarea", "coverage", "blind_spot");
    @RegisterExtension
    static final FreshDatabase db = FreshDatabase.named("analyticlayers").seededWith(TileFixture::insert);
    static LayerCatalog catalog = LayerCatalog.standard();
    static TileRenderer renderer;
    static AnalyticLayerRefresher refresher;
    static CoverageCalculator coverage;

    @BeforeAll
    static void load() throws Exception {
        renderer = TileRenderer.over(db.database(), catalog, Duration.ofSeconds(10), 4);
        coverage = new CoverageCalculator(db.dataSource(), SuppressionPolicy.DEFAULT);
        refresher = new AnalyticLayerRefresher(db.dataSource(), AnalyticLayerRefresher.CoverageSource.straightLine(coverage),
                Clock.systemUTC());
    }

    static List<MvtDecoder.Feature> features(String layer, TileCoord t) throws Exception {
        return MvtDecoder.decode(renderer.render(new TileRequest(List.of(catalog.find(layer).orElseThrow()), t, TileFilter.NONE), 0).bytes())
                .stream().flatMap(l -> l.features().stream()).toList();
    }

    @Test
    @Order(1)
    void analytic_layers_are_empty_until_materialised() throws Exception {
        for (String layer : ANALYTIC) {
            assertThat(features(layer, WHOLE)).as(layer).isEmpty();
        }
        refresher.refreshAll();
        for (String layer : ANALYTIC) {
            List<MvtDecoder.Feature> fs = features(layer, WHOLE);
            Set<String> declared = catalog.find(layer).orElseThrow().fields().stream().map(LayerField::name).collect(Collectors.toSet());
            assertThat(fs).as(layer).isNotEmpty().allSatisfy(f -> {
                assertThat(f.type()).isEqualTo("POLYGON");
                assertThat(f.id()).isNotNull();
                assertThat(declared).containsAll(f.properties().keySet());
            });
        }
    }

    @Test
    @Order(2)
    void hot_spot_cells_in_tiles_are_the_significant_cells_of_the_hot_spot_analysis() throws Exception {
        // The refresher's window: the 365 local days ending with the latest incident day (2026-02-09).
        TimeWindow w = new TimeWindow(LocalDate.of(2026, 2, 10).minusDays(365), LocalDate.of(2026, 2, 10));
        var r = new HotSpotAnalyzer(new IncidentAggregator(db.dataSource()), Clock.systemUTC()).analyze(new HotSpotRequest(
                AggregationLevel.CELL, 250, w, IncidentFilter.ALL, OptionalDouble.empty(), OptionalInt.empty(), true));
        Map<String, Integer> expected = r.features().stream().filter(f -> f.bin() != 0)
                .collect(Collectors.toMap(f -> f.id(), f -> f.bin()));
        assertThat(expected).as("the fixture has significant cells").isNotEmpty();
        Map<Long, String> codes = new java.util.HashMap<>();
        try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT id, code FROM unit_cell")) {
            while (rs.next()) {
                codes.put(rs.getLong(1), rs.getString(2));
            }
        }
        Map<String, Integer> inTile = features("hotspot", WHOLE).stream().collect(Collectors.toMap(
                f -> codes.get(f.id()), f -> ((Number) f.properties().get("gi_bin")).intValue()));
        assertThat(inTile).isEqualTo(expected);
    }

    @Test
    @Order(3)
    void coverage_tiles_carry_the_published_share_of_each_facility_type() throws Exception {
        List<MvtDecoder.Feature> fs = features("coverage", WHOLE);
        assertThat(fs).hasSize(4);
        for (FacilityType t : FacilityType.values()) {
            CoverageReport r = coverage.compute(new CoverageRequest(t, t.defaultReachM(), AnalyticLayerRefresher.targetGroup(t),
                    null, null, LocalDate.now().getYear()), false);
            for (GridCoverage g : r.grids()) {
                MvtDecoder.Feature f = fs.stream().filter(x -> g.gridCode().equals(x.properties().get("code"))).findFirst().orElseThrow();
                assertThat(f.properties().get("reach_mode")).isEqualTo("straight_line");
                if (g.share() == null) {
                    assertThat(f.properties()).as(t + " " + g.gridCode()).doesNotContainKey(t.code());
                } else {
                    assertThat(((Number) f.properties().get(t.code())).doubleValue()).as(t + " " + g.gridCode())
                            .isCloseTo(g.share(), org.assertj.core.data.Offset.offset(5e-5));
                }
            }
        }
        assertThat(fs).anySatisfy(f -> assertThat(f.properties()).containsKey("elderly_day_care"));
    }

    @Test
    @Order(4)
    void hot_areas_and_blind_spots_render_as_materialised() throws Exception {
        List<MvtDecoder.Feature> areas = features("hotarea", WHOLE);
        assertThat(areas).anySatisfy(f -> {
            assertThat(f.properties().get("category")).isEqualTo("0101");
            assertThat(((Number) f.properties().get("incidents")).longValue()).isGreaterThanOrEqualTo(12);
        });
        List<MvtDecoder.Feature> blind = features("blind_spot", WHOLE);
        assertThat(blind).hasSize(4);
        assertThat(blind).allSatisfy(f -> assertThat(((Number) f.properties().get("area_share")).doubleValue()).isBetween(0.0, 1.0));
        assertThat(db.count("SELECT count(*) FROM analytic_camera_grid WHERE cameras > 0")).isPositive();
    }

    @Test
    @Order(5)
    void a_refresh_recomputes_only_products_whose_inputs_changed() throws Exception {
        refresher.markChanged("*");
        assertThat(refresher.refreshStale()).as("nothing changed since the last refresh").isEmpty();
        long before = ((Number) features("hotarea", WHOLE).stream().filter(f -> "0101".equals(f.properties().get("category")))
                .findFirst().orElseThrow().properties().get("incidents")).longValue();
        try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement()) {
            s.execute("""
                    INSERT INTO incident (district_code, source, source_id, kind, category_code, reported_at, status, geom)
                    SELECT '630102', 'hotline', 'MORE' || i, 'event', '0101', timestamptz '2026-02-03 09:00+08', 'reported',
                           ST_SetSRID(ST_MakePoint(101.8125, 36.6125), 4326)
                    FROM generate_series(1, 3) i
                    """);
        }
        refresher.markChanged("incident");
        assertThat(refresher.refreshStale()).containsExactlyInAnyOrder(AnalyticProduct.HOTSPOTS, AnalyticProduct.HOT_AREAS);
        long after = ((Number) features("hotarea", WHOLE).stream().filter(f -> "0101".equals(f.properties().get("category")))
                .findFirst().orElseThrow().properties().get("incidents")).longValue();
        assertThat(after).isEqualTo(before + 3);
    }

    @Test
    @Order(6)
    void a_refresh_drops_the_cached_tiles_of_its_layer_through_the_change_feed() throws Exception {
        TileService service = new TileService(renderer, catalog, TileServiceSettings.defaults(), new SimpleMeterRegistry());
        try (ChangeFeed feed = new ChangeFeed(db.target())) {
            feed.subscribe(service::onChange);
            feed.start();
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (!feed.connected() && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            Set<TileRequest> requests = new HashSet<>();
            for (String layer : ANALYTIC) {
                TileRequest r = new TileRequest(List.of(catalog.find(layer).orElseThrow()), WHOLE, TileFilter.NONE);
                service.tile(r);
                assertThat(service.isCached(r)).isTrue();
                requests.add(r);
            }
            TileRequest hotspot = new TileRequest(List.of(catalog.find("hotspot").orElseThrow()), WHOLE, TileFilter.NONE);
            refresher.refresh(AnalyticProduct.HOTSPOTS, true);
            while (service.isCached(hotspot) && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertThat(service.isCached(hotspot)).as("hotspot tile dropped after the refresh").isFalse();
            for (TileRequest r : requests) {
                if (!r.equals(hotspot)) {
                    assertThat(service.isCached(r)).as(r.layerIds() + " untouched").isTrue();
                }
            }
        }
    }
}
