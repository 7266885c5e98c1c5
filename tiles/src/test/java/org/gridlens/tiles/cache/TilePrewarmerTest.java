package org.gridlens.tiles.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import org.gridlens.geodata.events.DataChange;
import org.gridlens.geodata.testing.FreshDatabase;
import org.gridlens.geodata.testing.RegionFixture;
import org.gridlens.tiles.layer.LayerCatalog;
import org.gridlens.tiles.render.TileRenderer;
import org.gridlens.tiles.render.TileRequest;
import org.gridlens.tiles.testing.MvtDecoder;
import org.gridlens.tiles.testing.TileFixture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.locationtech.jts.geom.Envelope;

/** The wall's fixed views are rendered at start-up and rendered again after a change drops them. */
class TilePrewarmerTest {

    static final Envelope DISTRICT = new Envelope(RegionFixture.WEST, RegionFixture.EAST, RegionFixture.SOUTH, RegionFixture.NORTH);
    @RegisterExtension
    static final FreshDatabase db = FreshDatabase.named("prewarm").seededWith(TileFixture::insert);
    static final LayerCatalog catalog = LayerCatalog.standard();

    static TileService service() {
        return new TileService(TileRenderer.over(db.database(), catalog, Duration.ofSeconds(10), 4), catalog,
                new TileServiceSettings(64L << 20, 16L << 20, 512_000, 2, Duration.ofSeconds(5), Duration.ofSeconds(30)),
                new SimpleMeterRegistry());
    }

    @Test
    void the_views_are_cached_after_start_up_and_rendered_again_after_a_change_drops_them() throws Exception {
        TileService service = service();
        try (TilePrewarmer warmer = new TilePrewarmer(service, catalog, PrewarmView.parseAll("incident,heat:10-12; grid:13-14"),
                DISTRICT, 1_000)) {
            service.addListener(warmer);
            List<TileRequest> views = warmer.requests();
            assertThat(views).hasSizeGreaterThanOrEqualTo(5).allMatch(r -> r.tile().z() >= 10);
            warmer.start();
            await(() -> views.stream().allMatch(service::isCached), "every view tile cached after start-up");

            long before = count(service, views);
            try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement()) {
                s.execute("""
                        INSERT INTO incident (district_code, source, source_id, kind, category_code, reported_at, status, geom)
                        VALUES ('630102', 'hotline', 'W1', 'event', '0101', now(), 'reported',
                                ST_SetSRID(ST_MakePoint(101.8105, 36.6105), 4326))
                        """);
            }
            service.onChange(new DataChange("incident", 7, Optional.of(new Envelope(101.8105, 101.8105, 36.6105, 36.6105))));
            assertThat(views.stream().filter(r -> r.contains("incident")).noneMatch(service::isCached))
                    .as("the change dropped the incident views").isTrue();
            await(() -> views.stream().allMatch(service::isCached), "every view tile cached again after the change");
            assertThat(count(service, views)).as("the re-warmed tiles show the new incident").isEqualTo(before + 1);
        }
    }

    @Test
    void views_that_do_not_fit_the_catalog_are_refused_at_start_up() {
        TileService service = service();
        assertThatThrownBy(() -> new TilePrewarmer(service, catalog, PrewarmView.parseAll("nosuch:8-10"), DISTRICT, 100))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("nosuch");
        assertThatThrownBy(() -> new TilePrewarmer(service, catalog, PrewarmView.parseAll("building:8-10"), DISTRICT, 100))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("z14");
        assertThatThrownBy(() -> PrewarmView.parseAll("grid:8")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> PrewarmView.parseAll("grid:8-20")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> PrewarmView.parseAll("Grid';--:8-9")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new TilePrewarmer(service, catalog, PrewarmView.parseAll("grid:16-22"),
                new Envelope(100, 103, 35, 38), 100)).isInstanceOf(IllegalArgumentException.class);
        assertThat(PrewarmView.parseAll(" ")).isEmpty();
    }

    /** Incidents counted over the z10 incident view tiles. */
    private static long count(TileService service, List<TileRequest> views) throws Exception {
        long n = 0;
        for (TileRequest r : views) {
            if (r.tile().z() == 10 && r.contains("incident")) {
                for (MvtDecoder.Layer l : MvtDecoder.decode(service.tile(r).bytes())) {
                    if (l.name().equals("incident")) {
                        for (MvtDecoder.Feature f : l.features()) {
                            n += ((Number) f.properties().get("count")).longValue();
                        }
                    }
                }
            }
        }
        return n;
    }

    private static void await(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(what + ": not within 30 s");
            }
            Thread.sleep(50);
        }
    }
}
