package org.gridlens.geodata.threed;

/**
 * An axis-aligned 3D box: WGS84 longitude/latitude and heights in metres.
 *
 * @param west  west longitude
 * @param south south latitude
 * @param east  east longitude
 * @param north north latitude
 * @param zMin  lowest height, metres
 * @param zMax  highest height, metres
 */
public record Box3d(double west, double south, double east, double north, double zMin, double zMax) {
    public Box3d {
        if (!Double.isFinite(west + south + east + north + zMin + zMax)) {
            throw new IllegalArgumentException("box bounds must be finite numbers");
        }
        if (west > east || south > north || zMin > zMax) {
            throw new IllegalArgumentException("box bounds are inverted (need west <= east, south <= north, zmin <= zmax)");
        }
        if (west < -180 || east > 180 || south < -90 || north > 90) {
            throw new IllegalArgumentException("box must be within longitude -180..180 and latitude -90..90");
        }
    }
}
