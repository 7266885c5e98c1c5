package org.gridlens.tiles.cache;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Random;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;

class GzipOnDemandTest {

    @Test
    void theGzipFormIsMadeOnceAndDecompressesToTheTileBytes() throws IOException {
        byte[] bytes = "a tile, a tile, a tile, a tile".repeat(100).getBytes();
        TileResult tile = new TileResult(bytes, new GzipOnDemand(), "\"e\"", 0, "", false, false, 30);

        byte[] first = tile.gzip();
        byte[] again = tile.as(false, true).gzip();

        assertThat(again).isSameAs(first);
        assertThat(first.length).isLessThan(bytes.length);
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(first))) {
            assertThat(in.readAllBytes()).isEqualTo(bytes);
        }
    }

    @Test
    void theCacheWeightBoundsRawPlusGzipEvenForIncompressibleAndEmptyTiles() {
        Random random = new Random(20261127);
        for (int n : new int[] {0, 1, 100, 65_535, 65_536, 200_000, 600_000}) {
            byte[] bytes = new byte[n];
            random.nextBytes(bytes);
            TileResult tile = new TileResult(bytes, new GzipOnDemand(), "\"e\"", 0, "", false, false, 30);
            long weightBeforeGzip = tile.weight();
            assertThat(weightBeforeGzip).as("%d random bytes", n)
                    .isGreaterThanOrEqualTo(bytes.length + tile.gzip().length);
        }
    }
}
