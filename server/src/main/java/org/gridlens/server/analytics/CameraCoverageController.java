package org.gridlens.server.analytics;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.BadRequestResponse;
import io.javalin.http.Context;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.sql.DataSource;
import org.gridlens.geodata.analytics.DataVersion;
import org.gridlens.geodata.analytics.camera.BlindSpot;
import org.gridlens.geodata.analytics.camera.CameraCoverageCalculator;
import org.gridlens.geodata.analytics.camera.CameraCoverageReport;

/**
 * Camera coverage by grid over HTTP: {@code /api/analytics/cameras} (JSON or CSV, worst grid first) and
 * {@code /api/analytics/cameras/blindspots.geojson}. Parameters: {@code grid}, a grid code prefix of 0 to
 * 15 digits (a subdistrict, community or single grid), and {@code format}; anything else is a 400.
 * Results are cached by parameters and the analytics data version, which camera and road changes bump
 * (V35).
 */
public final class CameraCoverageController {

    /** How the answer says what a view sector is. */
    static final String SECTORS = "nominal view sectors (position, heading, field of view, range); occlusion by buildings is not modelled";

    private final CameraCoverageCalculator calculator;
    private final AnalyticsCache cache;

    public CameraCoverageController(DataSource dataSource, long cacheEntries) {
        this.calculator = new CameraCoverageCalculator(dataSource);
        this.cache = new AnalyticsCache(new DataVersion(dataSource), cacheEntries);
    }

    private static String prefix(QueryParams q) {
        String grid = q.string("grid") == null ? "" : q.string("grid");
        try {
            return CameraCoverageCalculator.checkPrefix(grid);
        } catch (IllegalArgumentException e) {
            throw new BadRequestResponse("'grid' must be a grid code prefix of 0 to 15 digits");
        }
    }

    /** {@code GET /api/analytics/cameras?grid&format=json|csv}. */
    public void coverage(Context ctx) {
        QueryParams q = new QueryParams(ctx, Set.of("grid", "format"));
        String prefix = prefix(q);
        String format = q.format(Set.of("json", "csv"), "json");
        CameraCoverageReport r = cache.get("cameras|" + prefix, () -> calculator.compute(prefix));
        if (format.equals("csv")) {
            AnalyticsController.csv(ctx, List.of("grid_code", "grid_name", "cameras", "area_m2", "seen_m2", "area_share", "road_m",
                    "road_seen_m", "road_share"), r.grids().stream().map(g -> Arrays.<Object>asList(g.gridCode(), g.gridName(),
                    g.cameras(), g.areaM2(), g.seenM2(), g.areaShare(), g.roadM(), g.roadSeenM(), g.roadShare())).toList());
            return;
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("sectors", SECTORS);
        body.put("roadsPresent", r.roadsPresent());
        body.put("areaM2", r.areaM2());
        body.put("seenM2", r.seenM2());
        body.put("areaShare", r.areaShare());
        body.put("roadM", r.roadM());
        body.put("roadSeenM", r.roadSeenM());
        body.put("roadShare", r.roadShare());
        body.put("grids", r.grids());
        AnalyticsController.json(ctx, body);
    }

    /** {@code GET /api/analytics/cameras/blindspots.geojson?grid}: the part of each grid no sector covers. */
    public void blindSpots(Context ctx) {
        QueryParams q = new QueryParams(ctx, Set.of("grid"));
        String prefix = prefix(q);
        List<BlindSpot> list = cache.get("blindspots|" + prefix, () -> calculator.blindSpots(prefix));
        ObjectNode fc = AnalyticsController.featureCollection();
        fc.put("sectors", SECTORS);
        ArrayNode features = fc.putArray("features");
        for (BlindSpot b : list) {
            ObjectNode p = AnalyticsController.feature(features, b.geoJson()).putObject("properties");
            p.put("grid_code", b.gridCode());
            p.put("blind_m2", Math.round(b.blindM2() * 10) / 10.0);
        }
        AnalyticsController.geojson(ctx, fc);
    }
}
