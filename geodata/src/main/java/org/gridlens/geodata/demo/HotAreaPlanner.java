package org.gridlens.geodata.demo;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Chooses the planted truth: ten persistent hot areas at markets, schools and transit-like busy
 * blocks; three that emerge in year two or three (new construction sites); three that fade out
 * mid-way (a cleared night market, a stopped flyer campaign); and thirty repeat addresses (the same
 * noisy bar or barking dog reported again and again). Rates scale with the profile's incident count;
 * at DISTRICT scale planted incidents are about 12 % of the total.
 */
final class HotAreaPlanner {

    private static final long SALT = 0x4074_A3EAL;

    private HotAreaPlanner() {
    }

    static List<PlantedHotArea> plan(List<DemoBuilding> buildings, List<DemoAddress> addresses, DemoProfile profile,
                                     long seed, LocalDate first, LocalDate last) {
        SplittableRandom r = new SplittableRandom(seed ^ SALT);
        double scale = profile.incidents() / 1_000_000.0;
        long days = last.toEpochDay() - first.toEpochDay() + 1;
        List<PlantedHotArea> out = new ArrayList<>();
        String[][] persistent = {{"commercial", "0501", "market"}, {"commercial", "0502", "market"},
            {"school", "0504", "school gate"}, {"commercial", "0505", "transit hub"}, {"school", "0504", "school gate"},
            {"commercial", "0102", "market"}, {"office", "0504", "office cluster"}, {"commercial", "0501", "night market street"},
            {"hospital", "0504", "hospital entrance"}, {"commercial", "0103", "transit hub"}};
        for (String[] p : persistent) {
            DemoBuilding b = pick(buildings, p[0], r);
            out.add(area("persistent", p[1], b, 150 + r.nextInt(150), first, last, 6 * scale, p[2]));
        }
        String[][] emerging = {{"0302", "new construction site"}, {"0301", "new construction site"}, {"0303", "muck-truck route"}};
        for (String[] e : emerging) {
            DemoBuilding b = pick(buildings, "residential", r);
            LocalDate start = first.plusDays(365 + r.nextInt((int) days - 365 - 120));
            out.add(area("emerging", e[0], b, 200 + r.nextInt(100), start, last, 8 * scale, e[1]));
        }
        String[][] fading = {{"0506", "cleared night market"}, {"0201", "stopped flyer campaign"}, {"0503", "relocated scrap yard"}};
        for (String[] f : fading) {
            DemoBuilding b = pick(buildings, "commercial", r);
            LocalDate end = first.plusDays(300 + r.nextInt(400));
            out.add(area("fading", f[0], b, 150 + r.nextInt(100), first, end, 8 * scale, f[1]));
        }
        String[] repeatCategories = {"0601", "0602", "0506", "0404", "0601"};
        for (int i = 0; i < 30; i++) {
            DemoAddress a = addresses.get(r.nextInt(addresses.size()));
            DemoBuilding b = buildings.get(a.buildingId() - 1);
            String cat = repeatCategories[i % repeatCategories.length];
            out.add(new PlantedHotArea("repeat_address", cat, b.x(), b.y(), a.lon(), a.lat(), 0, first, last,
                    (0.3 + 0.6 * r.nextDouble()) * scale * 1.5, a.id(), "repeat address " + a.fullText()));
        }
        return out;
    }

    private static PlantedHotArea area(String kind, String cat, DemoBuilding b, double radius, LocalDate start, LocalDate end,
                                       double perDay, String note) {
        return new PlantedHotArea(kind, cat, b.x(), b.y(), b.lon(), b.lat(), radius, start, end, perDay, 0, note);
    }

    private static DemoBuilding pick(List<DemoBuilding> buildings, String use, SplittableRandom r) {
        for (int tries = 0; tries < 100_000; tries++) {
            DemoBuilding b = buildings.get(r.nextInt(buildings.size()));
            if (use.equals(b.use()) && b.density() > 0.35) {
                return b;
            }
        }
        return buildings.get(r.nextInt(buildings.size()));
    }
}
