package org.gridlens.tiles.render;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.gridlens.geodata.events.DataChange;
import org.gridlens.geodata.testing.FreshDatabase;
import org.gridlens.tiles.TileCoord;
import org.gridlens.tiles.cache.TileService;
import org.gridlens.tiles.cache.TileServiceSettings;
import org.gridlens.tiles.filter.TileFilter;
import org.gridlens.tiles.layer.LayerBand;
import org.gridlens.tiles.layer.LayerCatalog;
import org.gridlens.tiles.testing.MvtDecoder;
import org.gridlens.tiles.testing.TileFixture;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Heat tiles divide by a district-wide maximum that is queried once per filter set and zoom and then
 * remembered: it must stay the maximum of the whole district (not of the tile) and follow the data after
 * every change, including a change that arrives while the maximum is being queried.
 */
class DistrictMaximumTest {

    @RegisterExtension
    static final FreshDatabase db = FreshDatabase.named("district_maximum").seededWith(TileFixture::insert);
    static final LayerCatalog catalog = LayerCatalog.standard();
    static TileRenderer renderer;
    static TileService tiles;

    @BeforeAll
    static void load() throws SQLException {
        renderer = TileRenderer.over(db.database(), catalog, Duration.ofSeconds(10), 2);
        tiles = new TileService(renderer, catalog, TileServiceSettings.defaults(), new SimpleMeterRegistry());
    }

    @Test
    void the_remembered_maximum_is_the_largest_square_of_the_district_before_and_after_a_change() throws Exception {
        for (int z : new int[] {10, 12, 14}) {
            assertThat(normaliser(z)).as("z%d before", z).isEqualTo(largestCount(z)).isPositive();
        }
        long before = largestCount(12);
        // 300 incidents at one point make its square the hottest of the district by far.
        try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement()) {
            s.execute("""
                    INSERT INTO incident (district_code, source, source_id, kind, category_code, reported_at, status, geom)
                    SELECT '630102', 'hotline', 'MAX' || i, 'event', '0101', timestamptz '2026-01-15 10:00+08', 'reported',
                           ST_SetSRID(ST_MakePoint(101.8155, 36.6055), 4326)
                    FROM generate_series(1, 300) i
                    """);
        }
        tiles.onChange(new DataChange("incident", 2, Optional.empty()));
        for (int z : new int[] {10, 12, 14}) {
            assertThat(normaliser(z)).as("z%d after the change", z).isEqualTo(largestCount(z));
        }
        assertThat(largestCount(12)).as("the new hottest square").isGreaterThan(before).isGreaterThanOrEqualTo(300);
        // Every tile's hottest feature is at most 1 and the district's hottest is exactly 1.
        double top = 0;
        for (TileCoord t : TileRendererTest.covering(12)) {
            for (MvtDecoder.Feature f : features(t)) {
                double v = ((Number) f.properties().get("value")).doubleValue();
                assertThat(v).isLessThanOrEqualTo(1.0);
                top = Math.max(top, v);
            }
        }
        assertThat(top).isEqualTo(1.0);
    }

    @Test
    void a_maximum_whose_query_overlapped_a_change_is_used_once_but_not_remembered() throws Exception {
        DistrictMaximum maxima = new DistrictMaximum();
        LayerBand band = catalog.find("heat").orElseThrow().band(11).orElseThrow();
        TileCoord tile = TileRendererTest.covering(11).get(0);
        AtomicInteger queries = new AtomicInteger();
        try (Connection c = db.dataSource().getConnection()) {
            // The change's invalidation runs while the maximum's statement executes.
            Connection changing = interceptingQueries(c, () -> {
                queries.incrementAndGet();
                maxima.invalidateAll();
            });
            double first = maxima.of(changing, band, tile, TileFilter.NONE, 0);
            assertThat(maxima.size()).as("nothing remembered from a query that overlapped a change").isZero();
            Connection quiet = interceptingQueries(c, queries::incrementAndGet);
            assertThat(maxima.of(quiet, band, tile, TileFilter.NONE, 0)).isEqualTo(first);
            assertThat(maxima.of(quiet, band, tile, TileFilter.NONE, 0)).isEqualTo(first);
            assertThat(queries).as("queried again once, then remembered").hasValue(2);
            assertThat(maxima.size()).isOne();
        }
    }

    /** The divisor the heat tiles of zoom z used: count / value of any feature. */
    private static double normaliser(int z) throws Exception {
        for (TileCoord t : TileRendererTest.covering(z)) {
            for (MvtDecoder.Feature f : features(t)) {
                double value = ((Number) f.properties().get("value")).doubleValue();
                if (value == 1.0) {
                    return ((Number) f.properties().get("count")).doubleValue();
                }
            }
        }
        return 0;
    }

    private static long largestCount(int z) throws Exception {
        long max = 0;
        for (TileCoord t : TileRendererTest.covering(z)) {
            for (MvtDecoder.Feature f : features(t)) {
                max = Math.max(max, ((Number) f.properties().get("count")).longValue());
            }
        }
        return max;
    }

    private static List<MvtDecoder.Feature> features(TileCoord t) throws Exception {
        List<MvtDecoder.Layer> layers = MvtDecoder.decode(tiles.tile(
                new TileRequest(List.of(catalog.find("heat").orElseThrow()), t, TileFilter.NONE)).bytes());
        return layers.isEmpty() ? List.of() : layers.get(0).features();
    }

    /** {@code c}, running {@code duringQuery} while each prepared statement's query executes. */
    private static Connection interceptingQueries(Connection c, Runnable duringQuery) {
        return (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(), new Class<?>[] {Connection.class},
                (proxy, method, args) -> {
                    Object r = invoke(c, method, args);
                    if (r instanceof PreparedStatement ps && method.getName().equals("prepareStatement")) {
                        return Proxy.newProxyInstance(PreparedStatement.class.getClassLoader(), new Class<?>[] {PreparedStatement.class},
                                (p2, m2, a2) -> {
                                    Object out = invoke(ps, m2, a2);
                                    if (m2.getName().equals("executeQuery")) {
                                        duringQuery.run();
                                    }
                                    return out;
                                });
                    }
                    return r;
                });
    }

    private static Object invoke(Object target, java.lang.reflect.Method m, Object[] args) throws Throwable {
        try {
            return m.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
