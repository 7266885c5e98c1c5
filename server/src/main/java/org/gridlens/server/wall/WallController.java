package org.gridlens.server.wall;

import io.javalin.http.BadRequestResponse;
import io.javalin.http.Context;
import io.javalin.http.NotFoundResponse;
import java.util.LinkedHashMap;
import java.util.Map;
import org.gridlens.geodata.region.RegionLevel;
import org.gridlens.geodata.region.RegionRepository;
import org.gridlens.geodata.stats.DistrictSummary;

/** Data for the wall: region outlines as GeoJSON and the district summary. */
public final class WallController {

    /** Outline simplification for wall maps: 5 m is invisible at district scale and halves the bytes. */
    private static final double WALL_TOLERANCE_M = 5;
    private final RegionRepository regions;
    private final SummaryCache summary;

    /**
     * @param summary the district summaries, cached per data version
     */
    public WallController(RegionRepository regions, SummaryCache summary) {
        this.regions = regions;
        this.summary = summary;
    }

    /** {@code GET /api/regions/{level}.geojson}. */
    public void regions(Context ctx) throws Exception {
        String param = ctx.pathParam("level");
        if (!param.endsWith(".geojson")) {
            throw new NotFoundResponse("region outlines are served as {level}.geojson");
        }
        RegionLevel level;
        try {
            level = RegionLevel.parse(param.substring(0, param.length() - ".geojson".length()));
        } catch (IllegalArgumentException e) {
            throw new NotFoundResponse(e.getMessage());
        }
        ctx.header("Cache-Control", "public, max-age=300");
        // As UTF-8 bytes: a String result would be encoded without a charset and turn the Chinese names into '?'.
        ctx.contentType("application/geo+json; charset=utf-8")
                .result(regions.featureCollection(level, WALL_TOLERANCE_M).getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    /**
     * {@code GET /api/wall/summary?days=30}: with {@code asOf} and {@code current} — right after a data change
     * the last summary, at most {@code wall.answer-max-age-seconds} old, while a fresh one is computed
     * ({@link SummaryCache#recent}).
     */
    public void summary(Context ctx) throws Exception {
        String daysParam = ctx.queryParam("days");
        int days = 30;
        if (daysParam != null) {
            if (!daysParam.matches("\\d{1,3}")) {
                throw new BadRequestResponse("days must be a whole number from 1 to 366");
            }
            days = Integer.parseInt(daysParam);
            if (days < 1 || days > 366) {
                throw new BadRequestResponse("days must be a whole number from 1 to 366");
            }
        }
        VersionedCache.Answer<DistrictSummary> a = summary.recent(days);
        DistrictSummary s = a.value();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("asOf", a.asOf().toString());
        body.put("current", a.current());
        body.put("residents", s.residents());
        body.put("elderlyLivingAlone", s.elderlyLivingAlone());
        body.put("openCases", s.openCases());
        body.put("overdueCases", s.overdueCases());
        body.put("window", Map.of("start", s.windowStart().toString(), "end", s.windowEnd().toString(), "days", days));
        body.put("incidentsInWindow", s.incidentsInWindow());
        body.put("byGrid", s.byGrid());
        ctx.header("Cache-Control", "no-cache");
        ctx.json(body);
    }
}
