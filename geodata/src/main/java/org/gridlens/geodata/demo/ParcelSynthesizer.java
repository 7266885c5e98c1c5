package org.gridlens.geodata.demo;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.geom.prep.PreparedGeometry;
import org.locationtech.jts.geom.prep.PreparedGeometryFactory;

/**
 * Lays parcels (blocks separated by streets) on a per-grid lattice whose pitch shrinks with urban
 * density, each a slightly rotated rectangle kept only if it lies entirely inside its grid. Parcels
 * therefore never overlap and never cross grid, community or subdistrict boundaries. Land use depends
 * on density (dense old town: housing and shops; east: villages, industry, green).
 */
final class ParcelSynthesizer {

    private static final long SALT = 0x9A4C_E100L;

    private ParcelSynthesizer() {
    }

    static List<DemoParcel> synthesize(List<DemoRegion> regions, DemoProfile profile, long seed, DensityField density) {
        SplittableRandom random = new SplittableRandom(seed ^ SALT);
        Map<String, Integer> communityIndex = new HashMap<>();
        List<DemoRegion> grids = new ArrayList<>();
        double weightSum = 0;
        for (DemoRegion r : regions) {
            if ("community".equals(r.level())) {
                communityIndex.put(r.code(), r.index());
            } else if ("grid".equals(r.level())) {
                grids.add(r);
                weightSum += r.metric().getArea() * density.at(r.metric().getInteriorPoint().getCoordinate());
            }
        }
        List<DemoParcel> out = new ArrayList<>();
        double target = profile.parcels() / 0.72; // share of lattice cells that fit inside their grid
        for (DemoRegion g : grids) {
            double area = g.metric().getArea();
            double dens = density.at(g.metric().getInteriorPoint().getCoordinate());
            double expected = target * area * dens / weightSum;
            double pitch = Math.sqrt(area / Math.max(expected, 0.5));
            PreparedGeometry inside = PreparedGeometryFactory.prepare(g.metric());
            var env = g.metric().getEnvelopeInternal();
            double ox = env.getMinX() + random.nextDouble() * pitch * 0.3;
            double oy = env.getMinY() + random.nextDouble() * pitch * 0.3;
            for (double y = oy; y + pitch <= env.getMaxY() + pitch; y += pitch) {
                for (double x = ox; x + pitch <= env.getMaxX() + pitch; x += pitch) {
                    double margin = Math.max(5, pitch * 0.09);
                    double w = (pitch - 2 * margin) * (0.85 + 0.15 * random.nextDouble());
                    double h = (pitch - 2 * margin) * (0.85 + 0.15 * random.nextDouble());
                    double angle = Math.toRadians(random.nextDouble() * 16 - 8);
                    double cx = x + pitch / 2;
                    double cy = y + pitch / 2;
                    Polygon rect = rotatedRect(cx, cy, w, h, angle);
                    if (!inside.covers(rect)) {
                        continue;
                    }
                    double d = density.at(cx, cy);
                    int id = out.size() + 1;
                    out.add(new DemoParcel(id, String.format("630102P%06d", id), landUse(d, random), g.code(),
                            communityIndex.get(g.parentCode()), rect, angle, d));
                }
            }
        }
        return out;
    }

    static Polygon rotatedRect(double cx, double cy, double w, double h, double angle) {
        double cos = Math.cos(angle);
        double sin = Math.sin(angle);
        double[][] corners = {{-w / 2, -h / 2}, {w / 2, -h / 2}, {w / 2, h / 2}, {-w / 2, h / 2}, {-w / 2, -h / 2}};
        Coordinate[] cs = new Coordinate[5];
        for (int i = 0; i < 5; i++) {
            double x = cx + corners[i][0] * cos - corners[i][1] * sin;
            double y = cy + corners[i][0] * sin + corners[i][1] * cos;
            cs[i] = new Coordinate(Math.round(x * 1000) / 1000.0, Math.round(y * 1000) / 1000.0);
        }
        cs[4] = cs[0];
        return WgsProjector.METRIC.createPolygon(cs);
    }

    private static String landUse(double density, SplittableRandom r) {
        double u = r.nextDouble();
        if (density > 0.45) {
            return u < 0.56 ? "residential" : u < 0.72 ? "commercial" : u < 0.79 ? "office" : u < 0.84 ? "school"
                    : u < 0.86 ? "hospital" : u < 0.92 ? "public" : u < 0.97 ? "green" : "industrial";
        }
        return u < 0.45 ? "residential" : u < 0.52 ? "commercial" : u < 0.55 ? "office" : u < 0.59 ? "school"
                : u < 0.60 ? "hospital" : u < 0.65 ? "public" : u < 0.82 ? "green" : "industrial";
    }

}
