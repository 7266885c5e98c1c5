package org.gridlens.geodata.demo;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * 15-minute life-circle facilities per community (types exactly as the coverage analysis expects).
 * Each community gets each type with a type-specific probability, sited next to one of its buildings.
 * About one community in ten is deliberately under-served — no elderly day care, community health
 * station or kindergarten — and is reported as planted truth ('underserved').
 */
final class FacilitySynthesizer {

    static final List<String> TYPES = List.of("elderly_day_care", "community_health", "kindergarten", "primary_school",
            "middle_school", "community_service", "market", "sports");
    private static final List<String> SUFFIX = List.of("老年人日间照料中心", "社区卫生服务站", "幼儿园", "小学", "中学",
            "社区服务站", "农贸市场", "全民健身中心");
    private static final double[] PROBABILITY = {0.95, 0.85, 1.1, 0.75, 0.35, 1.0, 0.75, 0.65};
    private static final int[] CAPACITY = {40, 0, 240, 1200, 1500, 0, 0, 0};
    private static final long SALT = 0xFAC1_117EL;

    record Underserved(String communityCode, String name, double lon, double lat) {
    }

    private FacilitySynthesizer() {
    }

    static List<Underserved> write(CopyWriter w, List<DemoRegion> regions, List<DemoBuilding> buildings, DemoProfile profile,
                                   long seed) {
        SplittableRandom r = new SplittableRandom(seed ^ SALT);
        List<DemoRegion> communities = regions.stream().filter(x -> "community".equals(x.level())).toList();
        List<List<DemoBuilding>> byCommunity = new ArrayList<>();
        communities.forEach(c -> byCommunity.add(new ArrayList<>()));
        buildings.forEach(b -> byCommunity.get(b.communityIndex()).add(b));
        double expectedPer = 0;
        for (double p : PROBABILITY) {
            expectedPer += p;
        }
        double scale = profile.facilities() / (expectedPer * communities.size() * 0.97);
        List<Underserved> underserved = new ArrayList<>();
        int id = 0;
        for (DemoRegion c : communities) {
            List<DemoBuilding> pool = byCommunity.get(c.index());
            boolean poor = r.nextDouble() < 0.1 || c.index() == communities.size() / 2;
            if (poor || pool.isEmpty()) {
                var ip = c.wgs().getInteriorPoint();
                underserved.add(new Underserved(c.code(), c.name(), ip.getX(), ip.getY()));
            }
            if (pool.isEmpty()) {
                continue;
            }
            String stem = c.name().replace("社区", "");
            for (int t = 0; t < TYPES.size(); t++) {
                if (poor && t < 3) {
                    continue;
                }
                double expected = PROBABILITY[t] * scale;
                int n = (int) Math.floor(expected + r.nextDouble());
                for (int k = 0; k < n; k++) {
                    DemoBuilding b = pool.get(r.nextInt(pool.size()));
                    double[] ll = FixtureSynthesizer.nearby(b, r, 5, 15);
                    String name = stem + (t == 0 || t == 1 || t == 5 ? "社区" : "") + (k > 0 ? "第二" : "") + SUFFIX.get(t);
                    w.num(++id).text(String.format("630102F%04d", id)).text(RegionPlanner.DISTRICT_CODE).text(TYPES.get(t))
                            .text(name).numOrNull(CAPACITY[t] == 0 ? null : (long) (CAPACITY[t] * (0.6 + 0.8 * r.nextDouble())))
                            .point(ll[0], ll[1]);
                    w.endRow();
                }
            }
        }
        return underserved;
    }
}
