package org.gridlens.geodata.demo;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Polygon;

/**
 * Places building footprints inside parcels: the parcel is cut into strips along its long side and
 * each building is an inset rectangle of its strip, so footprints lie inside their parcel and never
 * overlap. Floors and build year follow the use and the area: walk-ups of 5–7 floors from 1975–2005
 * in the old town, 11–33-floor towers elsewhere in the city, 1–3-floor village houses in the east;
 * about 3 m per floor (4 m for shops and offices). Green parcels get no building.
 */
final class BuildingSynthesizer {

    private static final long SALT = 0xB01D_1A90L;
    private static final int[] TOWER_FLOORS = {11, 12, 17, 18, 18, 24, 26, 28, 30, 32, 33};

    private BuildingSynthesizer() {
    }

    static List<DemoBuilding> synthesize(List<DemoParcel> parcels, DemoProfile profile, long seed, DensityField density) {
        SplittableRandom random = new SplittableRandom(seed ^ SALT);
        double expected = 0;
        for (DemoParcel p : parcels) {
            expected += meanBuildings(p);
        }
        double scale = profile.buildings() / Math.max(1, expected);
        List<DemoBuilding> out = new ArrayList<>();
        for (DemoParcel p : parcels) {
            double m = meanBuildings(p) * scale;
            int k = (int) Math.floor(m + random.nextDouble());
            if (k == 0) {
                continue;
            }
            Coordinate[] c = p.metric().getCoordinates();
            double w = c[0].distance(c[1]);
            double h = c[1].distance(c[2]);
            double cx = (c[0].x + c[2].x) / 2;
            double cy = (c[0].y + c[2].y) / 2;
            boolean alongW = w >= h;
            double len = alongW ? w : h;
            double strip = len / k;
            for (int i = 0; i < k; i++) {
                double offset = -len / 2 + strip * (i + 0.5);
                double inset = 0.15 + 0.15 * random.nextDouble();
                double bw = alongW ? strip * (1 - inset) : w * (0.45 + 0.35 * random.nextDouble());
                double bh = alongW ? h * (0.45 + 0.35 * random.nextDouble()) : strip * (1 - inset);
                double lx = alongW ? offset : 0;
                double ly = alongW ? 0 : offset;
                double bx = cx + lx * Math.cos(p.angle()) - ly * Math.sin(p.angle());
                double by = cy + lx * Math.sin(p.angle()) + ly * Math.cos(p.angle());
                Polygon fp = ParcelSynthesizer.rotatedRect(bx, by, Math.max(4, bw), Math.max(4, bh), p.angle());
                if (!p.metric().covers(fp)) {
                    continue;
                }
                int id = out.size() + 1;
                boolean oldTown = density.distanceFromCentre(bx, by) < 2500;
                int year = oldTown && random.nextDouble() < 0.6 ? 1975 + random.nextInt(31) : 1995 + random.nextInt(30);
                int floors = floors(p.landUse(), p.density(), oldTown, year, random);
                double perFloor = switch (p.landUse()) {
                    case "commercial", "office", "hospital" -> 4.0;
                    case "industrial" -> 6.0;
                    default -> 3.0;
                };
                double[] ll = WgsProjector.toLonLat(new Coordinate(bx, by));
                out.add(new DemoBuilding(id, String.format("630102B%06d", id), p.id(), p.gridCode(), p.communityIndex(),
                        p.landUse(), floors, Math.round(floors * perFloor * 10) / 10.0,
                        Math.round(density.elevation(bx, by) * 10) / 10.0, year, fp, bx, by,
                        WgsProjector.round(ll[0]), WgsProjector.round(ll[1]), p.density()));
            }
        }
        return out;
    }

    private static double meanBuildings(DemoParcel p) {
        return switch (p.landUse()) {
            case "residential" -> p.density() > 0.45 ? 3.0 : 2.0;
            case "commercial", "school", "hospital" -> 1.5;
            case "green" -> 0;
            case "industrial" -> 1.0;
            default -> 1.0;
        };
    }

    private static int floors(String use, double density, boolean oldTown, int year, SplittableRandom r) {
        return switch (use) {
            case "residential" -> {
                if (density < 0.3) {
                    yield 1 + r.nextInt(3);
                }
                if (oldTown && year < 2006) {
                    yield 5 + r.nextInt(3);
                }
                yield r.nextDouble() < 0.25 ? 6 + r.nextInt(3) : TOWER_FLOORS[r.nextInt(TOWER_FLOORS.length)];
            }
            case "commercial" -> r.nextDouble() < 0.15 ? 18 + r.nextInt(13) : 2 + r.nextInt(6);
            case "office" -> 6 + r.nextInt(23);
            case "school" -> 3 + r.nextInt(3);
            case "hospital" -> 5 + r.nextInt(11);
            case "industrial" -> 1 + r.nextInt(3);
            default -> 2 + r.nextInt(5);
        };
    }
}
