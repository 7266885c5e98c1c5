package org.gridlens.geodata.demo;

import java.util.List;
import java.util.SplittableRandom;
import org.gridlens.geodata.crs.GaussKruger;

/**
 * Street furniture: city components (城市部件) and surveillance cameras, placed on the street side of
 * buildings (10–25 m off the footprint centre), so both concentrate where the city is dense. Cameras
 * cluster more strongly on busy (dense, non-residential) blocks. Component status is mostly 'normal'
 * (~93 %), with damaged, missing and removed ones for the fault layers.
 */
final class FixtureSynthesizer {

    private static final long COMPONENT_SALT = 0xC0_3F0EL;
    private static final long CAMERA_SALT = 0xCA_3E7AL;

    private FixtureSynthesizer() {
    }

    static long writeComponents(CopyWriter w, List<DemoBuilding> buildings, List<CategoryCatalog.Category> categories,
                                DemoProfile profile, long seed) {
        SplittableRandom r = new SplittableRandom(seed ^ COMPONENT_SALT);
        List<CategoryCatalog.Category> comps = categories.stream().filter(c -> "component".equals(c.kind())).toList();
        java.util.Map<String, Integer> serial = new java.util.HashMap<>();
        for (int i = 1; i <= profile.components(); i++) {
            DemoBuilding b = weightedBuilding(buildings, r);
            double[] ll = nearby(b, r, 10, 25);
            CategoryCatalog.Category c = pickComponent(comps, r);
            String code = "630102" + c.code().substring(1)
                    + String.format("%06d", serial.merge(c.code(), 1, Integer::sum));
            double u = r.nextDouble();
            String status = u < 0.93 ? "normal" : u < 0.97 ? "damaged" : u < 0.99 ? "missing" : "removed";
            w.num(i).text(code).text(RegionPlanner.DISTRICT_CODE).text(c.code()).text(status).point(ll[0], ll[1]);
            w.endRow();
        }
        return profile.components();
    }

    static long writeCameras(CopyWriter w, List<DemoBuilding> buildings, DemoProfile profile, long seed) {
        SplittableRandom r = new SplittableRandom(seed ^ CAMERA_SALT);
        for (int i = 1; i <= profile.cameras(); i++) {
            DemoBuilding b = weightedBuilding(buildings, r);
            if (!"residential".equals(b.use()) || r.nextDouble() < 0.4) {
                b = weightedBuilding(buildings, r);
            }
            double[] ll = nearby(b, r, 8, 20);
            w.num(i).text(String.format("630102V%05d", i)).text(RegionPlanner.DISTRICT_CODE)
                    .dec(r.nextDouble() * 359.9, 1).dec(40 + r.nextInt(81), 0).dec(30 + r.nextInt(121), 0).point(ll[0], ll[1]);
            w.endRow();
        }
        return profile.cameras();
    }

    /** A building drawn with probability rising steeply with urban density. */
    static DemoBuilding weightedBuilding(List<DemoBuilding> buildings, SplittableRandom r) {
        while (true) {
            DemoBuilding b = buildings.get(r.nextInt(buildings.size()));
            if (r.nextDouble() < b.density() / 1.1) {
                return b;
            }
        }
    }

    /** A 4326 point at a random bearing, between minM and maxM metres from the building's centre. */
    static double[] nearby(DemoBuilding b, SplittableRandom r, double minM, double maxM) {
        double a = r.nextDouble() * 2 * Math.PI;
        double d = minM + r.nextDouble() * (maxM - minM);
        double[] ll = GaussKruger.inverse(b.x() + d * Math.cos(a), b.y() + d * Math.sin(a));
        return new double[] {WgsProjector.round(ll[0]), WgsProjector.round(ll[1])};
    }

    private static CategoryCatalog.Category pickComponent(List<CategoryCatalog.Category> comps, SplittableRandom r) {
        double u = r.nextDouble();
        String prefix = u < 0.38 ? "C01" : u < 0.62 ? "C02" : u < 0.80 ? "C03" : u < 0.92 ? "C04" : u < 0.96 ? "C05" : "C06";
        List<CategoryCatalog.Category> pool = comps.stream().filter(c -> c.parent().equals(prefix)).toList();
        return pool.get(r.nextInt(pool.size()));
    }
}
