package org.gridlens.geodata.demo;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.gridlens.geodata.crs.GaussKruger;

/**
 * Three years of incidents ending at the fixed instant 2026-10-31 23:59:59 Asia/Shanghai, written in
 * time order (ids ascend with reported_at), with the structure real case streams have: yearly growth,
 * weekday/weekend and daytime rhythm, summer peak and Spring Festival dip, seasonal categories (snow
 * and ice in winter, flooding in summer, dust in the building season), planted hot areas and repeat
 * addresses ({@link HotAreaPlanner}), and background incidents near buildings weighted by density.
 *
 * <p>Every case runs through the stages (accept, register with deadline = register + the category's
 * time limit, dispatch, handle, check, close, evaluate) with realistic delays: ~7 % handled after the
 * deadline, ~4 % reworked, ~3 % of hotline/app reports rejected, and cases whose next stage falls after
 * the end instant stay open. grid_code and cell_id are assigned here by the database's own rules.
 *
 * <p>Stage log (case_event): to keep the district load fast it is written only for cases reported in
 * the last 90 days before the end instant and for every case still open then; older closed cases keep
 * their stage timestamps on the incident row only.
 */
final class IncidentSynthesizer {

    static final LocalDate FIRST_DAY = LocalDate.of(2023, 11, 1);
    static final LocalDate LAST_DAY = LocalDate.of(2026, 10, 31);
    static final long END = LAST_DAY.atTime(23, 59, 59).toEpochSecond(ZoneOffset.ofHours(8));
    static final long STAGE_LOG_FROM = END - 90L * 86400;
    private static final long SALT = 0x1AC1_DE47L;
    private static final double[] HOURS = {0.3, 0.2, 0.15, 0.1, 0.1, 0.2, 0.6, 1.2, 2.0, 2.6, 2.7, 2.4, 1.8, 1.7, 2.3,
        2.5, 2.4, 2.1, 1.7, 1.4, 1.1, 0.9, 0.6, 0.4};
    private static final LocalDate[] SPRING_FESTIVAL = {LocalDate.of(2024, 2, 10), LocalDate.of(2025, 1, 29),
        LocalDate.of(2026, 2, 17)};

    private final SplittableRandom r;
    private final List<CategoryCatalog.Category> categories;
    private final Map<String, CategoryCatalog.Category> byCode;
    private final List<DemoBuilding> buildings;
    private final int[] buildingAddress;
    private final GridLocator grids;
    private final CellLattice cells;
    private final double[] hourCumulative;
    private final long[] sourceSeq = new long[4];
    private long nextId;
    private long nextEventId;

    private record Pending(long at, String source, String kind, CategoryCatalog.Category category, double lon, double lat,
                           double x, double y, int addressId, int planted) {
    }

    IncidentSynthesizer(long seed, List<CategoryCatalog.Category> categories, List<DemoBuilding> buildings,
                        List<DemoAddress> addresses, GridLocator grids, CellLattice cells) {
        this.r = new SplittableRandom(seed ^ SALT);
        this.categories = categories;
        this.byCode = categories.stream().collect(Collectors.toMap(CategoryCatalog.Category::code, Function.identity()));
        this.buildings = buildings;
        this.buildingAddress = new int[buildings.size() + 1];
        for (DemoAddress a : addresses) {
            if (a.housingUnitId() == 0) {
                buildingAddress[a.buildingId()] = a.id();
            }
        }
        this.grids = grids;
        this.cells = cells;
        this.hourCumulative = new double[24];
        double s = 0;
        for (int h = 0; h < 24; h++) {
            s += HOURS[h];
            hourCumulative[h] = s;
        }
        for (int h = 0; h < 24; h++) {
            hourCumulative[h] /= s;
        }
    }

    /**
     * Writes incidents to {@code incidents} and their stage log to {@code events}; returns the count of
     * incidents per planted area (index aligned with {@code planted}).
     */
    long[] write(CopyWriter incidents, CopyWriter events, List<PlantedHotArea> planted, DemoProfile profile) {
        long[] plantedCounts = new long[planted.size()];
        int days = (int) (LAST_DAY.toEpochDay() - FIRST_DAY.toEpochDay() + 1);
        double plantedTotal = 0;
        for (PlantedHotArea p : planted) {
            plantedTotal += p.perDay() * (p.endDay().toEpochDay() - p.startDay().toEpochDay() + 1);
        }
        double[] factor = new double[days];
        double factorSum = 0;
        for (int d = 0; d < days; d++) {
            factor[d] = dayFactor(FIRST_DAY.plusDays(d), d, days);
            factorSum += factor[d];
        }
        double background = Math.max(0, profile.incidents() - plantedTotal);
        List<Pending> today = new ArrayList<>();
        for (int d = 0; d < days; d++) {
            LocalDate day = FIRST_DAY.plusDays(d);
            long dayStart = day.atStartOfDay().toEpochSecond(ZoneOffset.ofHours(8));
            today.clear();
            int n = poisson(background * factor[d] / factorSum);
            for (int i = 0; i < n; i++) {
                today.add(background(dayStart, day));
            }
            for (int k = 0; k < planted.size(); k++) {
                PlantedHotArea p = planted.get(k);
                if (!p.activeOn(day)) {
                    continue;
                }
                double weekly = day.getDayOfWeek().getValue() >= 6 ? 0.8 : 1.08;
                int m = poisson(p.perDay() * weekly);
                for (int i = 0; i < m; i++) {
                    today.add(plantedIncident(dayStart, p, k));
                }
            }
            today.sort((a, b) -> Long.compare(a.at(), b.at()));
            for (Pending p : today) {
                if (p.planted() >= 0) {
                    plantedCounts[p.planted()]++;
                }
                emit(incidents, events, p);
            }
        }
        return plantedCounts;
    }

    long incidents() {
        return nextId;
    }

    long caseEvents() {
        return nextEventId;
    }

    private double dayFactor(LocalDate day, int index, int days) {
        double f = 0.85 + 0.3 * index / days;
        f *= switch (day.getDayOfWeek()) {
            case SATURDAY -> 0.78;
            case SUNDAY -> 0.7;
            default -> 1.1;
        };
        f *= 1 + 0.2 * Math.sin(2 * Math.PI * (day.getDayOfYear() - 105) / 365.0);
        for (LocalDate sf : SPRING_FESTIVAL) {
            if (Math.abs(day.toEpochDay() - sf.toEpochDay()) <= 4) {
                f *= 0.5;
            }
        }
        return f;
    }

    private Pending background(long dayStart, LocalDate day) {
        CategoryCatalog.Category c = category(day.getMonthValue());
        String source = source(c.kind());
        while (true) {
            DemoBuilding b = FixtureSynthesizer.weightedBuilding(buildings, r);
            double a = r.nextDouble() * 2 * Math.PI;
            double dist = 5 + r.nextDouble() * 35;
            double x = b.x() + dist * Math.cos(a);
            double y = b.y() + dist * Math.sin(a);
            double[] ll = GaussKruger.inverse(x, y);
            if (grids.gridOf(ll[0], ll[1]) == null) {
                continue;
            }
            int address = "hotline".equals(source) || r.nextDouble() < 0.4 ? buildingAddress[b.id()] : 0;
            return new Pending(dayStart + timeOfDay(), source, kindOf(c), c, ll[0], ll[1], x, y, address, -1);
        }
    }

    private Pending plantedIncident(long dayStart, PlantedHotArea p, int index) {
        CategoryCatalog.Category c = byCode.get(p.categoryCode());
        String source = source(c.kind());
        if (p.radiusM() == 0) {
            return new Pending(dayStart + timeOfDay(), "hotline", kindOf(c), c, p.lon(), p.lat(), p.x(), p.y(),
                    p.addressId(), index);
        }
        while (true) {
            double a = r.nextDouble() * 2 * Math.PI;
            double dist = p.radiusM() * Math.sqrt(r.nextDouble());
            double x = p.x() + dist * Math.cos(a);
            double y = p.y() + dist * Math.sin(a);
            double[] ll = GaussKruger.inverse(x, y);
            if (grids.gridOf(ll[0], ll[1]) != null) {
                return new Pending(dayStart + timeOfDay(), source, kindOf(c), c, ll[0], ll[1], x, y, 0, index);
            }
        }
    }

    private long timeOfDay() {
        double u = r.nextDouble();
        int h = 0;
        while (h < 23 && u > hourCumulative[h]) {
            h++;
        }
        return h * 3600L + r.nextInt(3600);
    }

    private CategoryCatalog.Category category(int month) {
        while (true) {
            CategoryCatalog.Category c = categories.get(r.nextInt(categories.size()));
            double w = switch (c.kind()) {
                case "event" -> 1.0;
                case "component" -> 0.45;
                default -> 0.35;
            };
            boolean winter = month >= 11 || month <= 3;
            w *= switch (c.code()) {
                case "0406" -> winter ? 1.5 : 0;
                case "0405" -> month >= 6 && month <= 9 ? 1.2 : 0.02;
                case "0302", "0301", "0303" -> winter ? 0.2 : 1.4;
                case "0506" -> month >= 5 && month <= 9 ? 2.0 : 0.2;
                case "0504", "0101", "0501" -> 2.0;
                default -> 1.0;
            };
            if (r.nextDouble() * 2.0 < w) {
                return c;
            }
        }
    }

    private String source(String kind) {
        double u = r.nextDouble();
        return switch (kind) {
            case "event" -> u < 0.40 ? "hotline" : u < 0.78 ? "grid_worker" : u < 0.90 ? "camera" : "resident_app";
            case "component" -> u < 0.30 ? "hotline" : u < 0.90 ? "grid_worker" : "resident_app";
            default -> u < 0.70 ? "hotline" : "resident_app";
        };
    }

    private static String kindOf(CategoryCatalog.Category c) {
        return "service".equals(c.kind()) ? "service_order" : c.kind();
    }

    private int poisson(double lambda) {
        if (lambda <= 0) {
            return 0;
        }
        if (lambda > 30) {
            return (int) Math.max(0, Math.round(lambda + Math.sqrt(lambda) * r.nextGaussian()));
        }
        double l = Math.exp(-lambda);
        int k = 0;
        double p = 1;
        do {
            k++;
            p *= r.nextDouble();
        } while (p > l);
        return k - 1;
    }

    private static final long NONE = Long.MIN_VALUE;

    private void emit(CopyWriter w, CopyWriter ev, Pending p) {
        long id = ++nextId;
        int si = switch (p.source()) {
            case "hotline" -> 0;
            case "grid_worker" -> 1;
            case "camera" -> 2;
            default -> 3;
        };
        String sourceId = "HGCA".charAt(si) + String.format("%09d", ++sourceSeq[si]);
        String reporter = switch (p.source()) {
            case "hotline" -> String.format("hotline-%02d", 1 + r.nextInt(12));
            case "grid_worker" -> String.format("grid-worker-%03d", 1 + r.nextInt(200));
            case "camera" -> "camera-ai";
            default -> "resident-app";
        };
        String dept = dept(p.category());
        long reported = p.at();
        long accepted = reported + ("grid_worker".equals(p.source()) ? 60 + r.nextInt(240) : 60 + r.nextInt(1800));
        boolean rejected = !"grid_worker".equals(p.source()) && r.nextDouble() < 0.03;
        long registered = rejected ? NONE : accepted + 300 + r.nextInt(3300);
        long limit = p.category().timeLimitHours() * 3600L;
        long deadline = rejected ? NONE : registered + limit;
        long dispatched = rejected ? NONE : registered + 300 + r.nextInt(5100);
        double ratio = Math.exp(-1.1 + 0.75 * r.nextGaussian());
        long handled = rejected ? NONE : dispatched + Math.max(600, (long) (limit * ratio));
        boolean rework = !rejected && r.nextDouble() < 0.04;
        long firstCheck = rejected ? NONE : handled + 1800 + r.nextInt(27000);
        long reworkHandled = rework ? firstCheck + 3600 + r.nextInt(86400) : NONE;
        long checked = rejected ? NONE : rework ? reworkHandled + 1800 + r.nextInt(14400) : firstCheck;
        long closed = rejected ? NONE : checked + r.nextInt(7200);
        long evaluated = rejected || r.nextDouble() > 0.7 ? NONE : closed + 3600 + r.nextInt(3 * 86400);
        long finalHandled = rework ? reworkHandled : handled;
        String status;
        if (rejected) {
            status = accepted <= END ? "rejected" : "reported";
        } else if (evaluated != NONE && evaluated <= END) {
            status = "evaluated";
        } else if (closed <= END) {
            status = "closed";
        } else if (checked <= END) {
            status = "checked";
        } else if (finalHandled <= END) {
            status = "handled";
        } else if (dispatched <= END) {
            status = "dispatched";
        } else if (registered <= END) {
            status = "registered";
        } else {
            status = "reported";
        }
        String gridCode = grids.gridOf(p.lon(), p.lat());
        int cell = cells.cellOf(p.x(), p.y(), p.lon(), p.lat());
        boolean open = !rejected && !"closed".equals(status) && !"evaluated".equals(status);
        w.num(id).text(RegionPlanner.DISTRICT_CODE).text(p.source()).text(sourceId).text(p.kind()).text(p.category().code())
                .text(p.category().nameZh()).numOrNull(p.addressId() == 0 ? null : (long) p.addressId())
                .time(reported).time(cap(accepted)).time(cap(registered)).time(cap(dispatched)).time(cap(finalHandled))
                .time(cap(checked)).time(cap(closed)).time(cap(evaluated)).time(cap(registered) == NONE ? NONE : deadline).text(status)
                .text(gridCode).num(cell).point(p.lon(), p.lat());
        w.endRow();
        if (reported < STAGE_LOG_FROM && !open) {
            return;
        }
        stage(ev, id, "report", reported, reporter, null);
        if (rejected) {
            stage(ev, id, "register", accepted, String.format("operator-%02d", 1 + r.nextInt(8)), "不予立案");
            return;
        }
        stage(ev, id, "register", registered, String.format("operator-%02d", 1 + r.nextInt(8)), null);
        stage(ev, id, "dispatch", dispatched, String.format("dispatcher-%02d", 1 + r.nextInt(6)), dept);
        stage(ev, id, "handle", handled, dept + "-处置", dept);
        if (rework) {
            stage(ev, id, "check", firstCheck, String.format("inspector-%02d", 1 + r.nextInt(30)), "核查未通过");
            stage(ev, id, "rework", firstCheck + 60, String.format("dispatcher-%02d", 1 + r.nextInt(6)), dept);
            stage(ev, id, "handle", reworkHandled, dept + "-处置", dept);
        }
        stage(ev, id, "check", checked, String.format("inspector-%02d", 1 + r.nextInt(30)), null);
        stage(ev, id, "close", closed, String.format("operator-%02d", 1 + r.nextInt(8)), null);
        if (evaluated != NONE) {
            stage(ev, id, "evaluate", evaluated, reporter, null);
        }
    }

    private void stage(CopyWriter ev, long incidentId, String stage, long at, String actor, String deptOrNote) {
        if (at == NONE || at > END) {
            return;
        }
        boolean isNote = deptOrNote != null && deptOrNote.startsWith("核查") || "不予立案".equals(deptOrNote);
        ev.num(++nextEventId).text(RegionPlanner.DISTRICT_CODE).num(incidentId).text(stage).time(at).text(actor)
                .text(isNote ? null : deptOrNote).text(isNote ? deptOrNote : null);
        ev.endRow();
    }

    private static long cap(long t) {
        return t == NONE || t > END ? NONE : t;
    }

    private static String dept(CategoryCatalog.Category c) {
        String major = c.parent();
        return switch (major) {
            case "01", "02", "05" -> "城管局";
            case "03" -> "住建局";
            case "04" -> "市政公用局";
            case "06" -> "街道办事处";
            case "C01" -> "市政公用局";
            case "C02" -> "交通运输局";
            case "C04" -> "园林局";
            case "S01" -> "民政局";
            case "S02" -> "卫健委";
            case "S03", "S04" -> "教育局";
            case "S05" -> "人社局";
            default -> "城管局";
        };
    }

    static boolean isWeekend(LocalDate d) {
        return d.getDayOfWeek() == DayOfWeek.SATURDAY || d.getDayOfWeek() == DayOfWeek.SUNDAY;
    }
}
