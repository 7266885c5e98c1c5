package org.gridlens.geodata.demo;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.locationtech.jts.geom.Geometry;

/**
 * Builds the region hierarchy district → subdistricts → communities → grids by recursive
 * {@link PolygonSplitter splitting} in EPSG:4543, so each level tiles its parent exactly (up to the
 * millimetre grid). Codes follow 630102 + 3-digit subdistrict + 3-digit community + 3-digit grid;
 * counts per parent are spread as evenly as the profile totals allow (denser areas get more grids).
 */
final class RegionPlanner {

    static final String DISTRICT_CODE = "630102";
    private static final long SALT = 0x5EED_0001L;

    private RegionPlanner() {
    }

    static List<DemoRegion> plan(Geometry districtMetric, DemoProfile profile, long seed, DensityField density) {
        PolygonSplitter splitter = new PolygonSplitter(new SplittableRandom(seed ^ SALT));
        List<DemoRegion> out = new ArrayList<>();
        out.add(new DemoRegion(DISTRICT_CODE, "district", null, PlaceNames.DISTRICT, "Chengdong District", 0,
                PolygonSplitter.asMulti(districtMetric), WgsProjector.toWgs(PolygonSplitter.asMulti(districtMetric))));
        List<Geometry> subs = splitter.split(districtMetric, profile.subdistricts());
        int[] communitiesPer = spread(profile.communities(), subs, density);
        int communityIndex = 0;
        int gridIndex = 0;
        for (int s = 0; s < subs.size(); s++) {
            String sCode = DISTRICT_CODE + String.format("%03d", s + 1);
            out.add(region(sCode, "subdistrict", DISTRICT_CODE, PlaceNames.SUBDISTRICTS.get(s % 8),
                    PlaceNames.SUBDISTRICTS_EN.get(s % 8), s, subs.get(s)));
            List<Geometry> comms = splitter.split(subs.get(s), communitiesPer[s]);
            int[] gridsPer = spread(
                    (int) Math.round((double) profile.grids() * communitiesPer[s] / profile.communities()), comms, density);
            for (int c = 0; c < comms.size(); c++) {
                String cCode = sCode + String.format("%03d", c + 1);
                String cName = PlaceNames.community(communityIndex);
                out.add(region(cCode, "community", sCode, cName, "Community " + (s + 1) + "-" + (c + 1),
                        communityIndex, comms.get(c)));
                List<Geometry> grids = splitter.split(comms.get(c), gridsPer[c]);
                for (int g = 0; g < grids.size(); g++) {
                    String gCode = cCode + String.format("%03d", g + 1);
                    out.add(region(gCode, "grid", cCode, cName + "第" + String.format("%02d", g + 1) + "网格",
                            "Grid " + (g + 1) + ", Community " + (s + 1) + "-" + (c + 1), gridIndex++, grids.get(g)));
                }
                communityIndex++;
            }
        }
        return out;
    }

    private static DemoRegion region(String code, String level, String parent, String name, String nameEn, int index,
                                     Geometry metric) {
        return new DemoRegion(code, level, parent, name, nameEn, index, metric, WgsProjector.toWgs(metric));
    }

    /** Splits {@code total} over parts proportionally to area × mean density (at least one each). */
    static int[] spread(int total, List<Geometry> parts, DensityField density) {
        double[] w = new double[parts.size()];
        double sum = 0;
        for (int i = 0; i < w.length; i++) {
            Geometry p = parts.get(i);
            w[i] = Math.sqrt(p.getArea()) * Math.sqrt(p.getArea() * density.at(p.getInteriorPoint().getCoordinate()));
            sum += w[i];
        }
        int[] n = new int[w.length];
        int assigned = 0;
        for (int i = 0; i < w.length; i++) {
            n[i] = Math.max(1, (int) Math.floor(total * w[i] / sum));
            assigned += n[i];
        }
        for (int i = 0; assigned < total; i = (i + 1) % w.length) {
            n[i]++;
            assigned++;
        }
        return n;
    }
}
