package org.gridlens.geodata.demo;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Divides residential buildings into housing units: capacity is floors × (footprint / 110 m²),
 * scaled so the district total meets the profile; units are spread over the floors and numbered
 * floor + two-digit door ("1502"), 40–140 m² (mean ~88 m²). In the old town a few ground-floor units
 * are shops ('commercial'), which hold no residents.
 */
final class HousingSynthesizer {

    private static final long SALT = 0x40_05E5L;

    private HousingSynthesizer() {
    }

    static List<DemoHousingUnit> synthesize(List<DemoBuilding> buildings, DemoProfile profile, long seed) {
        SplittableRandom random = new SplittableRandom(seed ^ SALT);
        double raw = 0;
        for (DemoBuilding b : buildings) {
            raw += capacity(b);
        }
        double scale = profile.housingUnits() / Math.max(1, raw);
        List<DemoHousingUnit> out = new ArrayList<>();
        for (DemoBuilding b : buildings) {
            if (!"residential".equals(b.use())) {
                continue;
            }
            int n = Math.max(1, (int) Math.round(capacity(b) * scale));
            int perFloor = (int) Math.ceil((double) n / b.floors());
            for (int i = 0; i < n; i++) {
                int floor = 1 + i / perFloor;
                int door = 1 + i % perFloor;
                double area = Math.max(40, Math.min(140, 88 + random.nextGaussian() * 22));
                String use = floor == 1 && b.density() > 0.6 && random.nextDouble() < 0.12 ? "commercial" : "residential";
                out.add(new DemoHousingUnit(out.size() + 1, b.id(), floor, String.format("%d%02d", floor, door),
                        Math.round(area * 10) / 10.0, use));
            }
        }
        return out;
    }

    private static double capacity(DemoBuilding b) {
        return "residential".equals(b.use()) ? b.floors() * Math.max(1, Math.min(8, b.metric().getArea() / 110)) : 0;
    }
}
