package org.gridlens.tiles.testing;

import org.gridlens.tiles.TileCoord;

/** Tile arithmetic for tests. */
public final class Tiles {

    private Tiles() {
    }

    /** The tile at zoom {@code z} holding the WGS84 point. */
    public static TileCoord at(int z, double lon, double lat) {
        return TileCoord.containing(z, lon, lat);
    }
}
