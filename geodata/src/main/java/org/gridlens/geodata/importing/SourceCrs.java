package org.gridlens.geodata.importing;

import java.util.Locale;
import java.util.Set;

/**
 * The coordinate system of a source file.
 *
 * <p>Supported: EPSG:4326 (WGS84), EPSG:4490 (CGCS2000, treated as WGS84: they agree to well under a
 * metre), EPSG:4543 (CGCS2000 3° Gauss-Krüger CM 102E; eastings with the zone prefix 34, i.e.
 * 34,xxx,xxx m, are recognised by magnitude and the prefix removed), EPSG:3857 (Web Mercator), and
 * GCJ-02 (the offset system of Chinese consumer web maps, converted to WGS84 with
 * {@link org.gridlens.geodata.crs.Gcj02}; residual error well under 1 m, see its tests).
 *
 * @param epsg   the EPSG code of the coordinates (4326 for GCJ-02)
 * @param gcj02  whether the coordinates carry the GCJ-02 offset
 */
public record SourceCrs(int epsg, boolean gcj02) {

    public static final Set<Integer> SUPPORTED_EPSG = Set.of(4326, 4490, 4543, 3857);
    public static final SourceCrs WGS84 = new SourceCrs(4326, false);
    public static final SourceCrs GCJ02 = new SourceCrs(4326, true);

    public SourceCrs {
        if (!SUPPORTED_EPSG.contains(epsg)) {
            throw new IllegalArgumentException("unsupported CRS EPSG:" + epsg + "; supported: EPSG:4326, EPSG:4490, EPSG:4543,"
                    + " EPSG:3857, GCJ-02");
        }
        if (gcj02 && epsg != 4326) {
            throw new IllegalArgumentException("GCJ-02 is a geographic offset system; its EPSG code is 4326");
        }
    }

    /** Parses "EPSG:4543", "4543", "urn:ogc:def:crs:EPSG::4490", "CRS84", "GCJ-02"/"gcj02". */
    public static SourceCrs parse(String text) {
        String t = text.trim().toUpperCase(Locale.ROOT);
        if (t.equals("GCJ-02") || t.equals("GCJ02") || t.equals("GCJ")) {
            return GCJ02;
        }
        if (t.endsWith("CRS84")) {
            return WGS84;
        }
        String digits = t.replaceFirst("^.*?(\\d+)$", "$1");
        if (!digits.matches("\\d{4,6}")) {
            throw new IllegalArgumentException("cannot read CRS '" + text + "'; write e.g. EPSG:4543 or GCJ-02");
        }
        return new SourceCrs(Integer.parseInt(digits), false);
    }

    /** The SRID stored with staged geometries: 4326 for geographic systems (converted in Java), else the code. */
    public int stagingSrid() {
        return epsg == 4490 ? 4326 : epsg;
    }

    @Override
    public String toString() {
        return gcj02 ? "GCJ-02" : "EPSG:" + epsg;
    }
}
