package org.gridlens.tiles;

/**
 * A Web Mercator (XYZ, origin top-left) tile address.
 *
 * <p>Valid when {@code 0 <= z <= MAX_ZOOM} and {@code 0 <= x, y < 2^z}. {@link #parse} accepts only
 * plain ASCII decimal digits (no signs, exponents, spaces or non-ASCII digits) of bounded length, so a
 * request can be refused before any arithmetic or database work.
 *
 * @param z zoom level
 * @param x column, west to east
 * @param y row, north to south
 */
public record TileCoord(int z, int x, int y) {

    /** Deepest zoom served. */
    public static final int MAX_ZOOM = 22;

    public TileCoord {
        if (z < 0 || z > MAX_ZOOM) {
            throw new IllegalArgumentException("zoom must be between 0 and " + MAX_ZOOM + ", not " + z);
        }
        int n = 1 << z;
        if (x < 0 || x >= n) {
            throw new IllegalArgumentException("x must be between 0 and " + (n - 1) + " at zoom " + z + ", not " + x);
        }
        if (y < 0 || y >= n) {
            throw new IllegalArgumentException("y must be between 0 and " + (n - 1) + " at zoom " + z + ", not " + y);
        }
    }

    /**
     * Parses path segments; every failure is an {@link IllegalArgumentException} whose message can be
     * shown to a client as is (the offending text is never echoed back).
     */
    public static TileCoord parse(String z, String x, String y) {
        return new TileCoord(component("zoom", z), component("x", x), component("y", y));
    }

    private static int component(String name, String s) {
        if (s == null || s.isEmpty()) {
            throw new IllegalArgumentException(name + " is missing");
        }
        if (s.length() > 8) {
            throw new IllegalArgumentException(name + " is too long to be a tile coordinate");
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                throw new IllegalArgumentException(name + " must be a non-negative whole number");
            }
        }
        return Integer.parseInt(s);
    }

    /** The tile of zoom {@code z} holding a WGS84 point (latitudes beyond Web Mercator's are clamped). */
    public static TileCoord containing(int z, double lon, double lat) {
        int n = 1 << z;
        double l = Math.toRadians(Math.max(-85.0511, Math.min(85.0511, lat)));
        int x = (int) Math.floor((lon + 180) / 360 * n);
        int y = (int) Math.floor((1 - Math.log(Math.tan(l) + 1 / Math.cos(l)) / Math.PI) / 2 * n);
        return new TileCoord(z, Math.max(0, Math.min(n - 1, x)), Math.max(0, Math.min(n - 1, y)));
    }

    /** The tile's bounds in EPSG:3857 metres: {minX, minY, maxX, maxY}. */
    public double[] mercatorBounds() {
        double world = 20037508.342789244;
        double size = 2 * world / (1 << z);
        double minX = -world + x * size;
        double maxY = world - y * size;
        return new double[] {minX, maxY - size, minX + size, maxY};
    }

    @Override
    public String toString() {
        return z + "/" + x + "/" + y;
    }
}
