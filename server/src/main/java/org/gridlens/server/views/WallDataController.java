package org.gridlens.server.views;

import io.javalin.http.BadRequestResponse;
import io.javalin.http.Context;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;
import org.gridlens.geodata.stats.WallKpis;
import org.gridlens.geodata.stats.WallStatsQuery;
import org.gridlens.server.wall.VersionedCache;

/**
 * {@code /api/wall/...}: the wall's aggregates and its config. Answers are small (district-wide
 * aggregates, a bounded incident list) and briefly cacheable; every query parameter is checked here.
 * The KPIs, trends and league table — the slowest answers of the wall's first render — are kept in a
 * {@link VersionedCache} per data version and until the next open case's deadline: they cost one version
 * read while nothing changed, and after a change the last answer is served, at most {@code maxAge} old and
 * marked with {@code asOf} and {@code current: false}, while a fresh one is computed once in the background. Categories (names from the dictionary, which is not
 * versioned), the latest incidents (a cursor) and the point layers are computed per request.
 */
public final class WallDataController {

    private final WallStatsQuery stats;
    private final WallConfigSource config;
    private final PublishedCoverage coverage;
    private final VersionedCache answers;

    /**
     * @param coverage    the suppressed coverage report for fixed parameters (the analytics API's published form)
     * @param dataVersion the analytics data version ({@code DataVersion::current}), which keys cached answers
     */
    public WallDataController(WallStatsQuery stats, WallConfigSource config, PublishedCoverage coverage,
                              LongSupplier dataVersion) {
        this(stats, config, coverage, dataVersion, Duration.ZERO);
    }

    /**
     * @param coverage    the suppressed coverage report for fixed parameters (the analytics API's published form)
     * @param dataVersion the analytics data version ({@code DataVersion::current}), which keys cached answers
     * @param maxAge      how old a cached answer may be served while a fresh one is computed
     *                    ({@code wall.answer-max-age-seconds}; zero: every answer is current)
     */
    public WallDataController(WallStatsQuery stats, WallConfigSource config, PublishedCoverage coverage,
                              LongSupplier dataVersion, Duration maxAge) {
        this.stats = stats;
        this.config = config;
        this.coverage = coverage;
        // kpis, 4 trend ranges, league tables of the windows walls ask for (1..366 allowed: bounded).
        this.answers = new VersionedCache(dataVersion, Clock.systemUTC(), 64, maxAge);
    }

    /** The suppressed coverage report of one facility type, reach and population group. */
    @FunctionalInterface
    public interface PublishedCoverage {
        /** The report as JSON; a parameter that is not valid throws a 4xx exception. */
        Object report(String type, double reachM, String group);
    }

    /** {@code GET /api/wall/config}. */
    public void config(Context ctx) {
        byte[] body = config.json();
        String warning = config.warning();
        if (warning != null) {
            ctx.header("Warning", "199 gridlens \"" + warning + "\"");
        }
        ctx.header("Cache-Control", "no-cache");
        ctx.contentType("application/json").result(body);
    }

    /**
     * {@code GET /api/wall/coverage}: the coverage gaps the wall shows, for the config's {@code coverage}
     * entry only (the caller chooses nothing): per-grid counts and shares with small counts suppressed, as
     * issue #5's rules publish them. The wall role may read this, unlike the planner's
     * {@code /api/analytics/coverage} (arbitrary parameters, what-if proposals) and the uncovered buildings.
     */
    public void coverage(Context ctx) {
        WallCoverage c = config.coverage();
        ctx.header("Cache-Control", "max-age=60");
        ctx.json(coverage.report(c.type(), c.reachM(), c.group()));
    }

    /** {@code GET /api/wall/kpis}. */
    public void kpis(Context ctx) throws Exception {
        shortCache(ctx);
        ctx.json(withAge(answers.answer("kpis", () -> {
            Instant until = stats.stableUntil();
            return new VersionedCache.Stable<>(kpisBody(), until);
        })));
    }

    private Map<String, Object> kpisBody() throws SQLException {
        WallKpis k = stats.kpis();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("day", k.day().toString());
        body.put("incidentsToday", k.incidentsToday());
        body.put("openCases", k.openCases());
        body.put("overdueCases", k.overdueCases());
        body.put("closureRate", k.closureRate());
        body.put("onTimeRate", k.onTimeRate());
        body.put("residents", k.residents());
        body.put("elderlyLivingAlone", k.elderlyLivingAlone());
        return body;
    }

    /** {@code GET /api/wall/categories?days=30}. */
    public void categories(Context ctx) throws Exception {
        WallStatsQuery.DayWindow w = stats.window(days(ctx));
        shortCache(ctx);
        ctx.json(Map.of("window", window(w), "categories", stats.categories(w)));
    }

    /** {@code GET /api/wall/trend?range=24h|30d}. */
    public void trend(Context ctx) throws Exception {
        String range = ctx.queryParamAsClass("range", String.class).getOrDefault("24h");
        if (!List.of("24h", "7d", "30d", "90d").contains(range)) {
            throw new BadRequestResponse("range must be one of 24h, 7d, 30d, 90d");
        }
        shortCache(ctx);
        ctx.json(withAge(answers.answer("trend:" + range, () -> {
            Instant until = stats.stableUntil();
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("range", range);
            if (range.equals("24h")) {
                body.put("buckets", stats.lastDayByHour());
            } else {
                WallStatsQuery.DayWindow w = stats.window(Integer.parseInt(range.substring(0, range.length() - 1)));
                body.put("window", window(w));
                body.put("buckets", stats.byDay(w));
            }
            return new VersionedCache.Stable<>(body, until);
        })));
    }

    /** {@code GET /api/wall/subdistricts?days=30}. */
    public void subdistricts(Context ctx) throws Exception {
        int days = days(ctx);
        shortCache(ctx);
        ctx.json(withAge(answers.answer("subdistricts:" + days, () -> {
            Instant until = stats.stableUntil();
            return new VersionedCache.Stable<>(subdistrictsBody(days), until);
        })));
    }

    private Map<String, Object> subdistrictsBody(int days) throws SQLException {
        WallStatsQuery.DayWindow w = stats.window(days);
        List<Map<String, Object>> rows = stats.subdistricts(w).stream().map(r -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("code", r.code());
            m.put("name", r.name());
            m.put("nameEn", r.nameEn());
            m.put("incidents", r.incidents());
            m.put("cases", r.cases());
            m.put("closed", r.closed());
            m.put("overdue", r.overdue());
            m.put("closureRate", r.closureRate());
            return m;
        }).toList();
        return Map.of("window", window(w), "subdistricts", rows);
    }

    /** {@code GET /api/wall/latest?limit=20&after=0}: newest first; {@code after} is the polling cursor. */
    public void latest(Context ctx) throws Exception {
        int limit = boundedInt(ctx, "limit", 20, 1, WallStatsQuery.MAX_LATEST);
        String afterParam = ctx.queryParam("after");
        long after = 0;
        if (afterParam != null) {
            if (!afterParam.matches("\\d{1,18}")) {
                throw new BadRequestResponse("after must be a non-negative whole number (an incident id)");
            }
            after = Long.parseLong(afterParam);
        }
        ctx.header("Cache-Control", "no-cache");
        ctx.json(Map.of("incidents", stats.latest(after, limit)));
    }

    /** {@code GET /api/wall/points?kind=facilities|cameras}: a bounded point layer for the wall map. */
    public void points(Context ctx) throws Exception {
        String kind = ctx.queryParam("kind");
        WallStatsQuery.PointKind k;
        if ("facilities".equals(kind)) {
            k = WallStatsQuery.PointKind.FACILITIES;
        } else if ("cameras".equals(kind)) {
            k = WallStatsQuery.PointKind.CAMERAS;
        } else {
            throw new BadRequestResponse("kind must be facilities or cameras");
        }
        ctx.header("Cache-Control", "max-age=60");
        ctx.json(Map.of("kind", kind, "points", stats.points(k)));
    }

    /**
     * {@code GET /api/wall/buildings}: the tallest buildings' footprints and heights for the wall's
     * pseudo-3D layer, as {@code [height_m, [lon, lat, …]]} pairs (compact: the layer is loaded only when shown).
     */
    public void buildings(Context ctx) throws Exception {
        List<List<Object>> rows = stats.tallestBuildings().stream()
                .map(b -> List.<Object>of(Math.round(b.heightM() * 10) / 10.0, b.ring())).toList();
        ctx.header("Cache-Control", "max-age=300");
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("limit", WallStatsQuery.MAX_BUILDINGS);
        body.put("buildings", rows);
        ctx.json(body);
    }

    private static int days(Context ctx) {
        return boundedInt(ctx, "days", 30, 1, 366);
    }

    private static int boundedInt(Context ctx, String name, int dflt, int min, int max) {
        String v = ctx.queryParam(name);
        if (v == null) {
            return dflt;
        }
        if (!v.matches("\\d{1,6}") || Integer.parseInt(v) < min || Integer.parseInt(v) > max) {
            throw new BadRequestResponse(name + " must be a whole number from " + min + " to " + max);
        }
        return Integer.parseInt(v);
    }

    private static Map<String, String> window(WallStatsQuery.DayWindow w) {
        return Map.of("start", w.start().toString(), "end", w.end().toString());
    }

    /**
     * A cached answer's body with its age: {@code asOf} (it reflects every change committed before this
     * instant) and {@code current} (nothing it depends on had changed when it was served) first.
     */
    private static Map<String, Object> withAge(VersionedCache.Answer<Map<String, Object>> a) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("asOf", a.asOf().toString());
        body.put("current", a.current());
        body.putAll(a.value());
        return body;
    }

    private static void shortCache(Context ctx) {
        ctx.header("Cache-Control", "max-age=10");
    }
}
