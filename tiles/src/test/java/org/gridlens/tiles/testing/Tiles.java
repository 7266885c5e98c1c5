package org.gridlens.tiles.testing;

import org.gridlens.tiles.TileCoord;

/** Tile arithmetic for tests. */
public final class Tiles {

    private Tiles() {
    }

    /** The tile at zoom {@code z} holding the WGS84 point. */
    public static TileCoord at(int z, double lon, double lat) {
        int n = 1 << z;
        int x = (int) Math.floor((lon + 180) / 360 * n);
        double r = Math.toRadians(lat);
        int y = (int) Math.floor((1 - Math.log(Math.tan(r) + 1 / Math.cos(r)) / Math.PI) / 2 * n);
        return new TileCoord(z, x, y);
    }
}
