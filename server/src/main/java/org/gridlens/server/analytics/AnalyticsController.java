package org.gridlens.server.analytics;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.BadRequestResponse;
import io.javalin.http.Context;
import io.javalin.http.NotFoundResponse;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.Set;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.gridlens.geodata.analytics.DataVersion;
import org.gridlens.geodata.analytics.IncidentFilter;
import org.gridlens.geodata.analytics.TimeWindow;
import org.gridlens.geodata.analytics.coverage.CoverageCalculator;
import org.gridlens.geodata.analytics.coverage.CoverageReport;
import org.gridlens.geodata.analytics.coverage.CoverageRequest;
import org.gridlens.geodata.analytics.coverage.FacilityType;
import org.gridlens.geodata.analytics.coverage.GridCoverage;
import org.gridlens.geodata.analytics.coverage.PopulationGroup;
import org.gridlens.geodata.analytics.coverage.UncoveredBuilding;
import org.gridlens.geodata.analytics.coverage.WalkingNetwork;
import org.gridlens.geodata.analytics.hotarea.HotArea;
import org.gridlens.geodata.analytics.hotarea.HotAreaFinder;
import org.gridlens.geodata.analytics.hotarea.HotAreaReport;
import org.gridlens.geodata.analytics.hotarea.HotAreaRequest;
import org.gridlens.geodata.analytics.hotspot.AggregationLevel;
import org.gridlens.geodata.analytics.hotspot.HotSpotAnalyzer;
import org.gridlens.geodata.analytics.hotspot.HotSpotFeature;
import org.gridlens.geodata.analytics.hotspot.HotSpotRequest;
import org.gridlens.geodata.analytics.hotspot.HotSpotResult;
import org.gridlens.geodata.analytics.hotspot.IncidentAggregator;
import org.gridlens.geodata.analytics.nearrepeat.KnoxCalculator;
import org.gridlens.geodata.analytics.nearrepeat.KnoxRequest;
import org.gridlens.geodata.analytics.stats.GridStatisticsCalculator;
import org.gridlens.geodata.analytics.stats.PeopleMeasure;
import org.gridlens.geodata.analytics.stats.RegionStatistics;
import org.gridlens.geodata.analytics.stats.SuppressionPolicy;
import org.gridlens.geodata.analytics.trend.EmergingHotSpotAnalyzer;
import org.gridlens.geodata.analytics.trend.EmergingResult;
import org.gridlens.server.config.ConfigException;
import org.gridlens.server.config.ConfigKeys;

/**
 * Grid analytics over HTTP. Every parameter is validated here (400 with a reason); results are cached
 * by parameters and the analytics data version. The server has no notion of person-level access yet,
 * so every HTTP caller gets suppressed counts of people.
 */
public final class AnalyticsController {

    private static final String JSON = "application/json";
    private static final String GEOJSON = "application/geo+json";
    private static final String CSV = "text/csv; charset=utf-8";
    private static final Set<String> WINDOW = Set.of("from", "to");
    private static final Set<String> LEVELS = Set.of("district", "subdistrict", "community", "grid");

    private final DataSource dataSource;
    private final Clock clock;
    private final AnalyticsCache cache;
    private final GridStatisticsCalculator stats;
    private final CoverageCalculator coverage;
    private final CoverageCalculator walkingCoverage;
    private final WalkingNetwork walkingNetwork;
    private final HotSpotAnalyzer hotspots;
    private final HotAreaFinder hotAreas;
    private final EmergingHotSpotAnalyzer emerging;
    private final KnoxCalculator knox;

    /** Reads the analytics keys of {@code values} (see ConfigKeys); a malformed value fails start-up. */
    public static AnalyticsController fromConfig(DataSource dataSource, Map<String, org.gridlens.server.config.ConfigValue> values) {
        return new AnalyticsController(dataSource, policy(values), cacheEntries(values), Clock.systemUTC());
    }

    /** The small-count suppression policy of the configuration (fails start-up when malformed). */
    public static SuppressionPolicy policy(Map<String, org.gridlens.server.config.ConfigValue> values) {
        int k = intKey(values, ConfigKeys.ANALYTICS_K, 2, 100);
        int kv = intKey(values, ConfigKeys.ANALYTICS_K_VULNERABLE, 2, 100);
        if (kv < k) {
            throw new ConfigException(ConfigKeys.ANALYTICS_K_VULNERABLE.name() + " must not be below " + ConfigKeys.ANALYTICS_K.name());
        }
        return new SuppressionPolicy(k, kv);
    }

    /** The configured size of an analytics result cache. */
    public static int cacheEntries(Map<String, org.gridlens.server.config.ConfigValue> values) {
        return intKey(values, ConfigKeys.ANALYTICS_CACHE_ENTRIES, 1, 100_000);
    }

    private static int intKey(Map<String, org.gridlens.server.config.ConfigValue> values, org.gridlens.server.config.ConfigKey key,
                              int min, int max) {
        String v = values.get(key.name()).value();
        if (!v.matches("\\d{1,6}") || Integer.parseInt(v) < min || Integer.parseInt(v) > max) {
            throw new ConfigException(key.name() + " must be a whole number from " + min + " to " + max);
        }
        return Integer.parseInt(v);
    }

    public AnalyticsController(DataSource dataSource, SuppressionPolicy policy, long cacheEntries, Clock clock) {
        this.dataSource = dataSource;
        this.clock = clock;
        this.cache = new AnalyticsCache(new DataVersion(dataSource), cacheEntries);
        this.stats = new GridStatisticsCalculator(dataSource, policy);
        this.coverage = new CoverageCalculator(dataSource, policy);
        this.walkingCoverage = CoverageCalculator.walking(dataSource, policy);
        this.walkingNetwork = new WalkingNetwork(dataSource);
        this.hotspots = new HotSpotAnalyzer(new IncidentAggregator(dataSource), clock);
        this.hotAreas = new HotAreaFinder(dataSource);
        this.emerging = new EmergingHotSpotAnalyzer(dataSource);
        this.knox = new KnoxCalculator(dataSource);
    }

    private LocalDate today() {
        return LocalDate.now(clock.withZone(TimeWindow.ZONE));
    }

    private static Set<String> with(Set<String> base, String... more) {
        Set<String> s = new java.util.HashSet<>(base);
        s.addAll(List.of(more));
        return s;
    }

    private static <T> T valid(Supplier<T> s) {
        try {
            return s.get();
        } catch (IllegalArgumentException e) {
            throw new BadRequestResponse(e.getMessage());
        }
    }

    /** {@code GET /api/analytics/stats?from&to&level&format=json|csv}. */
    public void stats(Context ctx) {
        QueryParams q = new QueryParams(ctx, with(WINDOW, "level", "format"));
        TimeWindow w = q.window(today(), 365);
        String level = q.string("level");
        if (level != null && !LEVELS.contains(level)) {
            throw new BadRequestResponse("'level' must be one of " + LEVELS.stream().sorted().toList());
        }
        String format = q.format(Set.of("json", "csv"), "json");
        List<RegionStatistics> all = cache.get("stats|" + w, () -> stats.compute(w, false));
        List<RegionStatistics> rows = level == null ? all : all.stream().filter(r -> r.level().equals(level)).toList();
        if (format.equals("csv")) {
            List<String> header = new ArrayList<>(List.of("code", "name", "level", "parent_code", "area_km2"));
            for (PeopleMeasure m : PeopleMeasure.values()) {
                header.add(m.label());
            }
            header.addAll(List.of("density_per_km2", "buildings", "housing_units", "incidents", "incidents_per_1000",
                    "closure_rate", "on_time_rate", "rework_rate", "overdue_open", "avg_handling_hours"));
            csv(ctx, header, rows.stream().map(r -> {
                List<Object> v = new ArrayList<>(List.of(r.code(), r.name(), r.level(), r.parentCode() == null ? "" : r.parentCode(),
                        r.areaKm2()));
                for (PeopleMeasure m : PeopleMeasure.values()) {
                    v.add(r.people().get(m.label()));
                }
                v.addAll(java.util.Arrays.asList(r.densityPerKm2(), r.buildings(), r.housingUnits(), r.incidents(),
                        r.incidentsPer1000(), r.kpis().closureRate(), r.kpis().onTimeRate(), r.kpis().reworkRate(),
                        r.kpis().overdueOpen(), r.kpis().avgHandlingHours()));
                return v;
            }).toList());
            return;
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("from", w.from());
        body.put("to", w.to());
        body.put("timeZone", TimeWindow.ZONE.getId());
        body.put("suppressed", true);
        body.put("regions", rows);
        json(ctx, body);
    }

    /** {@code GET /api/analytics/coverage?type&reach&group&lon&lat&format=json|csv}. */
    public void coverage(Context ctx) {
        QueryParams q = new QueryParams(ctx, Set.of("type", "reach", "group", "lon", "lat", "format", "mode"));
        CoverageRequest req = coverageRequest(q, true);
        String format = q.format(Set.of("json", "csv"), "json");
        String[] mode = reachMode(q);
        CoverageCalculator calculator = mode[0].equals(WalkingNetwork.WALKING) ? walkingCoverage : coverage;
        CoverageReport r = cache.get("coverage|" + mode[0] + "|" + req, () -> calculator.compute(req, false));
        if (format.equals("csv")) {
            csv(ctx, List.of("grid_code", "grid_name", "group_size", "covered", "share", "covered_delta", "reach_mode"),
                    r.grids().stream().map(g -> java.util.Arrays.<Object>asList(g.gridCode(), g.gridName(), g.groupSize(),
                            g.covered(), g.share(), g.coveredDelta(), mode[0])).toList());
            return;
        }
        json(ctx, coverageBody(r, mode));
    }

    /**
     * The coverage of one fixed facility type, reach and population group as a display may publish it: the
     * same suppressed per-grid counts and shares as {@code /api/analytics/coverage} (small counts withheld by
     * the suppression policy), reach mode {@code auto}, and nothing else — no proposal (what-if), no CSV, no
     * buildings. Cached like the planner's answer for the same parameters.
     *
     * @param type  a facility type id ({@link FacilityType#parse})
     * @param reach the reach in metres
     * @param group a population group id ({@link PopulationGroup#parse})
     * @throws BadRequestResponse when a parameter is not valid
     */
    public ObjectNode publishedCoverage(String type, double reach, String group) {
        FacilityType t = valid(() -> FacilityType.parse(type));
        PopulationGroup g = valid(() -> PopulationGroup.parse(group));
        CoverageRequest req = valid(() -> new CoverageRequest(t, reach, g, null, null, today().getYear()));
        java.util.Optional<String> why = walkingNetwork.unavailableReason();
        String[] mode = why.isEmpty() ? new String[] {WalkingNetwork.WALKING, null} : new String[] {WalkingNetwork.STRAIGHT_LINE, why.get()};
        CoverageCalculator calculator = mode[0].equals(WalkingNetwork.WALKING) ? walkingCoverage : coverage;
        return coverageBody(cache.get("coverage|" + mode[0] + "|" + req, () -> calculator.compute(req, false)), mode);
    }

    private static ObjectNode coverageBody(CoverageReport r, String[] mode) {
        ObjectNode body = AnalyticsJson.MAPPER.valueToTree(r);
        body.put("reach_mode", mode[0]);
        if (mode[1] != null) {
            body.put("reach_mode_reason", mode[1]);
        }
        return body;
    }

    /**
     * The reach mode of a coverage request: 'mode' = auto (default: walking when the network is
     * available), straight_line or walking_network (400 with the reason when unavailable). Returns the
     * mode and, for auto falling back to straight line, why.
     */
    private String[] reachMode(QueryParams q) {
        String m = q.string("mode") == null || q.string("mode").isEmpty() ? "auto" : q.string("mode");
        if (!Set.of("auto", WalkingNetwork.STRAIGHT_LINE, WalkingNetwork.WALKING).contains(m)) {
            throw new BadRequestResponse("'mode' must be one of [auto, straight_line, walking_network]");
        }
        if (m.equals(WalkingNetwork.STRAIGHT_LINE)) {
            return new String[] {m, null};
        }
        java.util.Optional<String> why = walkingNetwork.unavailableReason();
        if (why.isEmpty()) {
            return new String[] {WalkingNetwork.WALKING, null};
        }
        if (m.equals(WalkingNetwork.WALKING)) {
            throw new BadRequestResponse("walking_network reach is not available: " + why.get());
        }
        return new String[] {WalkingNetwork.STRAIGHT_LINE, why.get()};
    }

    /** {@code GET /api/analytics/coverage/uncovered.geojson?type&reach&group}: buildings out of reach (outlines only). */
    public void uncovered(Context ctx) {
        QueryParams q = new QueryParams(ctx, Set.of("type", "reach", "group"));
        CoverageRequest req = coverageRequest(q, false);
        List<UncoveredBuilding> list = cache.get("uncovered|" + req, () -> coverage.uncovered(req, false));
        ObjectNode fc = featureCollection();
        ArrayNode features = fc.putArray("features");
        for (UncoveredBuilding b : list) {
            ObjectNode f = feature(features, b.geoJson());
            ObjectNode p = f.putObject("properties");
            p.put("code", b.code());
            p.put("grid_code", b.gridCode());
        }
        fc.put("method", CoverageCalculator.METHOD);
        fc.put("reach_mode", WalkingNetwork.STRAIGHT_LINE);
        geojson(ctx, fc);
    }

    private CoverageRequest coverageRequest(QueryParams q, boolean proposal) {
        String type = q.string("type");
        if (type == null) {
            throw new BadRequestResponse("'type' is required");
        }
        FacilityType t = valid(() -> FacilityType.parse(type));
        PopulationGroup g = valid(() -> PopulationGroup.parse(q.string("group") == null ? "all" : q.string("group")));
        double reach = q.number("reach", t.defaultReachM());
        Double lon = proposal ? q.optionalNumber("lon") : null;
        Double lat = proposal ? q.optionalNumber("lat") : null;
        return valid(() -> new CoverageRequest(t, reach, g, lon, lat, today().getYear()));
    }

    /** {@code GET /api/analytics/hotspots?level&hex&from&to&categories&sources&band&k&fdr&format=geojson|csv}. */
    public void hotspots(Context ctx) {
        QueryParams q = new QueryParams(ctx, with(WINDOW, "level", "hex", "categories", "sources", "band", "k", "fdr", "format"));
        TimeWindow w = q.window(today(), 365);
        AggregationLevel level = valid(() -> AggregationLevel.parse(q.string("level") == null ? "cell" : q.string("level")));
        double hex = q.number("hex", 250);
        IncidentFilter f = q.filter();
        Double band = q.optionalNumber("band");
        Integer k = q.optionalInteger("k");
        boolean fdr = q.bool("fdr", true);
        String format = q.format(Set.of("geojson", "csv"), "geojson");
        HotSpotRequest req = valid(() -> new HotSpotRequest(level, hex, w, f, band == null ? OptionalDouble.empty()
                : OptionalDouble.of(band), k == null ? OptionalInt.empty() : OptionalInt.of(k), fdr));
        HotSpotResult r = cache.get("hotspots|" + req.key(), () -> hotspots.analyze(req));
        if (format.equals("csv")) {
            csv(ctx, List.of("id", "count", "gi_z", "gi_p", "gi_bin", "neighbours"), r.features().stream()
                    .map(x -> java.util.Arrays.<Object>asList(x.id(), x.count(), x.z(), x.p(), x.bin(), x.neighbours())).toList());
            return;
        }
        ObjectNode fc = featureCollection();
        fc.put("level", r.level());
        fc.put("featureCount", r.featureCount());
        fc.put("weights", r.weights());
        if (r.bandM() != null) {
            fc.put("bandM", r.bandM());
        }
        fc.put("fdr", r.fdr());
        fc.put("refusal", r.refusal());
        ArrayNode features = fc.putArray("features");
        for (HotSpotFeature x : r.features()) {
            ObjectNode p = feature(features, x.geoJson()).putObject("properties");
            p.put("id", x.id());
            p.put("count", x.count());
            putFinite(p, "gi_z", x.z());
            putFinite(p, "gi_p", x.p());
            p.put("gi_bin", x.bin());
            p.put("neighbours", x.neighbours());
        }
        geojson(ctx, fc);
    }

    private HotAreaRequest hotAreaRequest(QueryParams q) {
        TimeWindow w = q.window(today(), 365);
        IncidentFilter f = q.filter();
        double radius = q.number("radius", HotAreaRequest.DEFAULT_RADIUS_M);
        int min = q.integer("min", HotAreaRequest.DEFAULT_MIN_COUNT);
        int days = q.integer("days", HotAreaRequest.DEFAULT_DAYS);
        return valid(() -> new HotAreaRequest(w, f, radius, min, days));
    }

    private static final Set<String> HOT_AREA_PARAMS = Set.of("from", "to", "categories", "sources", "radius", "min", "days");

    /** {@code GET /api/analytics/hotareas?from&to&categories&sources&radius&min&days&format=geojson|csv}. */
    public void hotAreas(Context ctx) {
        QueryParams q = new QueryParams(ctx, with(HOT_AREA_PARAMS, "format"));
        HotAreaRequest req = hotAreaRequest(q);
        String format = q.format(Set.of("geojson", "csv"), "geojson");
        HotAreaReport r = cache.get("hotareas|" + req.key(), () -> hotAreas.find(req));
        if (format.equals("csv")) {
            csv(ctx, List.of("id", "rank", "category", "grid_code", "incidents", "first", "last", "median_repeat_days",
                    "open_share", "trend", "trend_z", "centre_lon", "centre_lat"), r.areas().stream()
                    .map(a -> java.util.Arrays.<Object>asList(a.id(), a.rank(), a.category(), a.gridCode(), a.incidents(), a.first(),
                            a.last(), a.medianRepeatDays(), a.openShare(), a.trend(), a.trendZ(), a.centreLon(), a.centreLat()))
                    .toList());
            return;
        }
        ObjectNode fc = featureCollection();
        ArrayNode features = fc.putArray("features");
        for (HotArea a : r.areas()) {
            ObjectNode p = feature(features, a.outline()).putObject("properties");
            Map<String, Object> props = AnalyticsJson.MAPPER.convertValue(a, LinkedHashMap.class);
            props.remove("outline");
            p.setAll((ObjectNode) AnalyticsJson.MAPPER.valueToTree(props));
        }
        geojson(ctx, fc);
    }

    /** {@code GET /api/analytics/hotareas/{id}/incidents?(same parameters)}: the incidents of one area. */
    public void hotAreaIncidents(Context ctx) throws SQLException {
        QueryParams q = new QueryParams(ctx, HOT_AREA_PARAMS);
        String idText = ctx.pathParam("id");
        if (!idText.matches("\\d{1,6}")) {
            throw new BadRequestResponse("area id must be a whole number");
        }
        HotAreaRequest req = hotAreaRequest(q);
        HotAreaReport r = cache.get("hotareas|" + req.key(), () -> hotAreas.find(req));
        long[] ids = r.incidentIds(Integer.parseInt(idText));
        if (ids.length == 0) {
            throw new NotFoundResponse("no hot area " + idText + " for these parameters");
        }
        List<Map<String, Object>> out = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement("""
                SELECT id, category_code, source, status, reported_at, closed_at, grid_code, ST_X(geom), ST_Y(geom)
                FROM incident WHERE id = ANY (?) ORDER BY reported_at, id""")) {
            ps.setArray(1, c.createArrayOf("bigint", java.util.Arrays.stream(ids).boxed().toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Map<String, Object> m = new LinkedHashMap<>();
                    m.put("id", rs.getLong(1));
                    m.put("category", rs.getString(2));
                    m.put("source", rs.getString(3));
                    m.put("status", rs.getString(4));
                    m.put("reportedAt", rs.getObject(5, java.time.OffsetDateTime.class).toString());
                    java.time.OffsetDateTime closed = rs.getObject(6, java.time.OffsetDateTime.class);
                    m.put("closedAt", closed == null ? null : closed.toString());
                    m.put("gridCode", rs.getString(7));
                    m.put("lon", rs.getDouble(8));
                    m.put("lat", rs.getDouble(9));
                    out.add(m);
                }
            }
        }
        json(ctx, Map.of("area", Integer.parseInt(idText), "incidents", out));
    }

    /** {@code GET /api/analytics/emerging?from&to&categories&band}. */
    public void emerging(Context ctx) {
        QueryParams q = new QueryParams(ctx, with(WINDOW, "categories", "band"));
        TimeWindow w = q.window(today(), 3 * 365);
        IncidentFilter f = q.filter();
        Double band = q.optionalNumber("band");
        if (band != null && !(band > 0 && band <= HotSpotRequest.MAX_BAND_M)) {
            throw new BadRequestResponse("'band' must be > 0 and ≤ " + (int) HotSpotRequest.MAX_BAND_M + " m");
        }
        EmergingResult r = cache.get("emerging|" + w + "|" + f.key() + "|" + band, () -> emerging.analyze(w, f, band));
        json(ctx, r);
    }

    /** {@code GET /api/analytics/knox?from&to&categories&spatialBand&spatialBands&temporalBand&temporalBands&permutations&seed}. */
    public void knox(Context ctx) {
        QueryParams q = new QueryParams(ctx, with(WINDOW, "categories", "spatialBand", "spatialBands", "temporalBand",
                "temporalBands", "permutations", "seed"));
        TimeWindow w = q.window(today(), 180);
        IncidentFilter f = q.filter();
        if (f.categories().isEmpty()) {
            throw new BadRequestResponse("'categories' is required: the Knox test is run for a category");
        }
        double sb = q.number("spatialBand", 100);
        int sn = q.integer("spatialBands", 5);
        double tb = q.number("temporalBand", 7);
        int tn = q.integer("temporalBands", 4);
        int perms = q.integer("permutations", 99);
        int seed = q.integer("seed", 1);
        KnoxRequest req = valid(() -> new KnoxRequest(w, f, sb, sn, tb, tn, perms, seed));
        json(ctx, cache.get("knox|" + req, () -> knox.run(req)));
    }

    static ObjectNode featureCollection() {
        ObjectNode fc = AnalyticsJson.MAPPER.createObjectNode();
        fc.put("type", "FeatureCollection");
        return fc;
    }

    static ObjectNode feature(ArrayNode features, String geoJson) {
        ObjectNode f = features.addObject();
        f.put("type", "Feature");
        f.set("geometry", AnalyticsJson.geometry(geoJson));
        return f;
    }

    private static void putFinite(ObjectNode n, String name, Double v) {
        if (v == null || !Double.isFinite(v)) {
            n.putNull(name);
        } else {
            n.put(name, v);
        }
    }

    static void json(Context ctx, Object body) {
        ctx.contentType(JSON).result(AnalyticsJson.bytes(body));
    }

    static void geojson(Context ctx, ObjectNode body) {
        ctx.contentType(GEOJSON).result(AnalyticsJson.bytes(body));
    }

    static void csv(Context ctx, List<String> header, List<List<Object>> rows) {
        StringWriter out = new StringWriter();
        try (CSVPrinter p = new CSVPrinter(out, CSVFormat.DEFAULT.builder().setHeader(header.toArray(String[]::new)).get())) {
            for (List<Object> r : rows) {
                List<Object> cleaned = new ArrayList<>(r.size());
                for (Object o : r) {
                    if (o instanceof Double d && !Double.isFinite(d)) {
                        cleaned.add(null);
                    } else if (o instanceof String str && !str.isEmpty() && "=+-@\t\r".indexOf(str.charAt(0)) >= 0) {
                        cleaned.add("'" + str); // no spreadsheet formula injection through names
                    } else {
                        cleaned.add(o);
                    }
                }
                p.printRecord(cleaned);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ctx.contentType(CSV).result(out.toString());
    }
}
