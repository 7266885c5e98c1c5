package org.gridlens.geodata.crs;

/**
 * The GCJ-02 offset of Chinese consumer maps (AMap, Tencent, DataV GeoAtlas exports) and its inverse.
 *
 * <p>{@link #fromWgs84} is the standard public forward formula (Krasovsky-ellipsoid constants, offset
 * applied only inside China's rough bounding box, identity outside). {@link #toWgs84} inverts it by
 * fixed-point iteration; the offset field is smooth (gradient below 1e-5), so each step gains about
 * five orders of magnitude and the result reproduces the GCJ-02 input to better than 1e-9 degrees
 * (about 0.1 mm) after at most a handful of iterations. The absolute accuracy of the round trip is
 * therefore bounded by the published formula itself, not by the inversion; the formula is believed
 * to match the official obfuscation to within a few metres at worst.
 */
public final class Gcj02 {

    private static final double A = 6378245.0;
    private static final double EE = 0.00669342162296594323;
    private static final double TOLERANCE_DEG = 1e-10;
    private static final int MAX_ITERATIONS = 30;

    private Gcj02() {
    }

    /** True where the offset applies (the rough bounding box of mainland China used by the formula). */
    public static boolean isInsideChina(double lon, double lat) {
        return lon >= 72.004 && lon <= 137.8347 && lat >= 0.8293 && lat <= 55.8271;
    }

    /** WGS84 to GCJ-02; returns {lon, lat}. */
    public static double[] fromWgs84(double lon, double lat) {
        if (!isInsideChina(lon, lat)) {
            return new double[] {lon, lat};
        }
        double dLat = offsetLat(lon - 105.0, lat - 35.0);
        double dLon = offsetLon(lon - 105.0, lat - 35.0);
        double radLat = Math.toRadians(lat);
        double magic = 1 - EE * Math.sin(radLat) * Math.sin(radLat);
        double sqrtMagic = Math.sqrt(magic);
        dLat = (dLat * 180.0) / ((A * (1 - EE)) / (magic * sqrtMagic) * Math.PI);
        dLon = (dLon * 180.0) / (A / sqrtMagic * Math.cos(radLat) * Math.PI);
        return new double[] {lon + dLon, lat + dLat};
    }

    /** GCJ-02 to WGS84 by iterative inversion of {@link #fromWgs84}; returns {lon, lat}. */
    public static double[] toWgs84(double lon, double lat) {
        if (!isInsideChina(lon, lat)) {
            return new double[] {lon, lat};
        }
        double wLon = lon;
        double wLat = lat;
        for (int i = 0; i < MAX_ITERATIONS; i++) {
            double[] g = fromWgs84(wLon, wLat);
            double eLon = g[0] - lon;
            double eLat = g[1] - lat;
            wLon -= eLon;
            wLat -= eLat;
            if (Math.abs(eLon) < TOLERANCE_DEG && Math.abs(eLat) < TOLERANCE_DEG) {
                break;
            }
        }
        return new double[] {wLon, wLat};
    }

    private static double offsetLat(double x, double y) {
        double r = -100.0 + 2.0 * x + 3.0 * y + 0.2 * y * y + 0.1 * x * y + 0.2 * Math.sqrt(Math.abs(x));
        r += (20.0 * Math.sin(6.0 * x * Math.PI) + 20.0 * Math.sin(2.0 * x * Math.PI)) * 2.0 / 3.0;
        r += (20.0 * Math.sin(y * Math.PI) + 40.0 * Math.sin(y / 3.0 * Math.PI)) * 2.0 / 3.0;
        r += (160.0 * Math.sin(y / 12.0 * Math.PI) + 320 * Math.sin(y * Math.PI / 30.0)) * 2.0 / 3.0;
        return r;
    }

    private static double offsetLon(double x, double y) {
        double r = 300.0 + x + 2.0 * y + 0.1 * x * x + 0.1 * x * y + 0.1 * Math.sqrt(Math.abs(x));
        r += (20.0 * Math.sin(6.0 * x * Math.PI) + 20.0 * Math.sin(2.0 * x * Math.PI)) * 2.0 / 3.0;
        r += (20.0 * Math.sin(x * Math.PI) + 40.0 * Math.sin(x / 3.0 * Math.PI)) * 2.0 / 3.0;
        r += (150.0 * Math.sin(x / 12.0 * Math.PI) + 300.0 * Math.sin(x / 30.0 * Math.PI)) * 2.0 / 3.0;
        return r;
    }
}
