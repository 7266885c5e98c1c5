package org.gridlens.tiles.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.gridlens.geodata.testing.FreshDatabase;
import org.gridlens.geodata.testing.RegionFixture;
import org.gridlens.tiles.TileCoord;
import org.gridlens.tiles.filter.TileFilter;
import org.gridlens.tiles.layer.LayerCatalog;
import org.gridlens.tiles.render.TileRenderer;
import org.gridlens.tiles.render.TileRequest;
import org.gridlens.tiles.testing.TileFixture;
import org.gridlens.tiles.testing.Tiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Status- and source-filtered low-zoom tiles count incident rows one by one (seconds on a district), so
 * only a quarter of the render slots may do that at once: beyond, such a request gets "busy" while other
 * tiles still render. Renders are held inside the database call by a gate, so nothing depends on timing.
 */
class IncidentScanBoundTest {

    static final double LON = (RegionFixture.WEST + RegionFixture.EAST) / 2;
    static final double LAT = (RegionFixture.SOUTH + RegionFixture.NORTH) / 2;
    static final TileFilter CLOSED = new TileFilter(Optional.empty(), Optional.empty(), List.of(), List.of("closed"), List.of());
    static final LayerCatalog catalog = LayerCatalog.standard();
    @RegisterExtension
    static final FreshDatabase db = FreshDatabase.named("incident_scan_bound").seededWith(TileFixture::insert);

    static TileRequest incident(int z, double lon, double lat, TileFilter f) {
        return new TileRequest(List.of(catalog.find("incident").orElseThrow()), Tiles.at(z, lon, lat), f);
    }

    @Test
    void only_status_or_source_filters_at_aggregated_zooms_count_as_scans() {
        TileFilter source = new TileFilter(Optional.empty(), Optional.empty(), List.of(), List.of(), List.of("camera"));
        TileFilter category = new TileFilter(Optional.empty(), Optional.empty(), List.of("0101"), List.of(), List.of());
        assertThat(incident(8, LON, LAT, CLOSED).scansIncidents()).isTrue();
        assertThat(incident(14, LON, LAT, source).scansIncidents()).isTrue();
        assertThat(incident(15, LON, LAT, CLOSED).scansIncidents()).as("points of one small tile").isFalse();
        assertThat(incident(8, LON, LAT, category).scansIncidents()).as("categories are rolled up").isFalse();
        assertThat(incident(8, LON, LAT, TileFilter.NONE).scansIncidents()).isFalse();
        TileRequest grid = new TileRequest(List.of(catalog.find("grid").orElseThrow()), new TileCoord(8, 200, 99), CLOSED);
        assertThat(grid.scansIncidents()).as("a layer without filters drops them").isFalse();
    }

    @Test
    void beyond_a_quarter_of_the_slots_a_scan_is_busy_while_other_tiles_still_render() throws Exception {
        CountDownLatch gate = new CountDownLatch(1);
        Semaphore arrivals = new Semaphore(0);
        DataSource pool = db.database().readOnlyPool(TileRenderer.poolSettings(Duration.ofSeconds(30), 4));
        TileRenderer renderer = new TileRenderer(gated(pool, gate, arrivals), catalog);
        // Four render slots: one scan at a time.
        TileService tiles = new TileService(renderer, catalog, new TileServiceSettings(64L << 20, 0, 512_000, 4,
                Duration.ofMillis(200), Duration.ofSeconds(30)), new SimpleMeterRegistry());
        assertThat(new TileServiceSettings(0, 0, 512_000, 4, Duration.ZERO, Duration.ZERO).maxScans()).isOne();
        ExecutorService pool2 = Executors.newFixedThreadPool(3);
        try {
            Future<TileResult> scan = pool2.submit(() -> tiles.tile(incident(10, LON, LAT, CLOSED)));
            assertThat(arrivals.tryAcquire(60, TimeUnit.SECONDS)).as("the first scan reached the database").isTrue();

            assertThatThrownBy(() -> tiles.tile(incident(11, LON, LAT, CLOSED)))
                    .as("a second scan while the first holds the only scan slot").isInstanceOf(TileBusyException.class);

            Future<TileResult> plain = pool2.submit(() -> tiles.tile(incident(10, LON, LAT, TileFilter.NONE)));
            Future<TileResult> points = pool2.submit(() -> tiles.tile(incident(16, LON, LAT, CLOSED)));
            assertThat(arrivals.tryAcquire(2, 60, TimeUnit.SECONDS)).as("other tiles got render slots meanwhile").isTrue();

            gate.countDown();
            assertThat(scan.get(60, TimeUnit.SECONDS).bytes()).isNotEmpty();
            assertThat(plain.get(60, TimeUnit.SECONDS).bytes()).isNotEmpty();
            assertThat(points.get(60, TimeUnit.SECONDS)).isNotNull();
            assertThat(tiles.tile(incident(11, LON, LAT, CLOSED)).bytes()).as("the slot is free again").isNotEmpty();
        } finally {
            gate.countDown();
            pool2.shutdownNow();
        }
    }

    /** {@code pool}, whose getConnection announces itself on {@code arrivals} and then waits for {@code gate}. */
    private static DataSource gated(DataSource pool, CountDownLatch gate, Semaphore arrivals) {
        return (DataSource) Proxy.newProxyInstance(DataSource.class.getClassLoader(), new Class<?>[] {DataSource.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("getConnection")) {
                        arrivals.release();
                        if (!gate.await(120, TimeUnit.SECONDS)) {
                            throw new IllegalStateException("the test never opened the gate");
                        }
                    }
                    try {
                        return method.invoke(pool, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }
}
