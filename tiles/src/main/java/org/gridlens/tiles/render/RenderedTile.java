package org.gridlens.tiles.render;

import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * A tile as rendered, with the features its layers left out and why.
 *
 * @param bytes   the MVT bytes (possibly empty: a tile without features)
 * @param leftOut one entry per layer that left at least one feature out, in the tile's layer order
 */
public record RenderedTile(byte[] bytes, List<LeftOut> leftOut) {

    public RenderedTile {
        Objects.requireNonNull(bytes, "bytes");
        leftOut = List.copyOf(leftOut);
    }

    /** Total features left out, over all layers and reasons. */
    public long leftOutCount() {
        return leftOut.stream().mapToLong(l -> l.belowPixel() + l.collapsed()).sum();
    }

    /**
     * The report as one header value, e.g. {@code building;below_pixel=12;collapsed=0, parcel;below_pixel=3;collapsed=1},
     * or the empty string when nothing was left out.
     */
    public String leftOutSummary() {
        return leftOut.stream().map(LeftOut::toString).collect(Collectors.joining(", "));
    }

    /**
     * Features of one layer not in the tile.
     *
     * @param layer      the MVT layer name
     * @param belowPixel features smaller than the band's pixel rule at this zoom and generalisation level
     * @param collapsed  features {@code ST_AsMVTGeom} left out: nothing remained once clipped to the buffer
     *                   and snapped to the tile grid
     */
    public record LeftOut(String layer, long belowPixel, long collapsed) {

        public LeftOut {
            Objects.requireNonNull(layer, "layer");
            if (belowPixel < 0 || collapsed < 0) {
                throw new IllegalArgumentException("counts are not negative");
            }
        }

        @Override
        public String toString() {
            return layer + ";below_pixel=" + belowPixel + ";collapsed=" + collapsed;
        }
    }
}
