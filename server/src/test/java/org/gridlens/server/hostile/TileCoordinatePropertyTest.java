package org.gridlens.server.hostile;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import org.gridlens.geodata.testing.FreshDatabase;
import org.gridlens.geodata.testing.RegionFixture;
import org.gridlens.server.testing.TestServer;
import org.gridlens.tiles.TileCoord;

/**
 * 10,000 generated tile addresses against the running server: valid ones answer 200 with a tile,
 * everything else 400 with a JSON reason; never a 5xx.
 */
class TileCoordinatePropertyTest {

    static final TestServer server = TestServer.over(FreshDatabase.named("tileprops").seededWith(RegionFixture::insert),
            "--limits.client-rps=1000000");

    @BeforeContainer
    static void start() {
        server.start();
    }

    @AfterContainer
    static void stop() {
        server.stop();
    }

    @Provide
    Arbitrary<String> component() {
        return Arbitraries.oneOf(
                Arbitraries.integers().between(-5, 40).map(String::valueOf),
                Arbitraries.longs().map(String::valueOf),
                Arbitraries.integers().between(0, 5_000_000).map(String::valueOf),
                Arbitraries.strings().ofMinLength(0).ofMaxLength(12).withCharRange('!', '~'),
                Arbitraries.of("1e3", "0x10", "+1", "٣", "1.0", "NaN", " 1", "00000001", "%00"));
    }

    @Property(tries = 10_000)
    void any_tile_address_gets_a_tile_or_a_400_never_a_5xx(@ForAll("component") String z, @ForAll("component") String x,
                                                            @ForAll("component") String y) {
        String enc = "/tiles/grid/" + e(z) + "/" + e(x) + "/" + e(y) + ".mvt";
        HttpResponse<String> r = server.get(enc);
        boolean valid;
        try {
            TileCoord.parse(z, x, y);
            valid = true;
        } catch (IllegalArgumentException ex) {
            valid = false;
        }
        if (valid) {
            assertThat(r.statusCode()).as(enc).isEqualTo(200);
        } else {
            assertThat(r.statusCode()).as(enc).isIn(400, 404);
            assertThat(r.body()).as(enc).startsWith("{");
        }
    }

    private static String e(String s) {
        return java.net.URLEncoder.encode(s, java.nio.charset.StandardCharsets.UTF_8).replace("+", "%20");
    }
}
