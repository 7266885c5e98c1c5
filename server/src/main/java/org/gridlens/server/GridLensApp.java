package org.gridlens.server;

import io.javalin.Javalin;
import io.javalin.config.Key;
import io.javalin.config.RoutesConfig;
import io.javalin.event.HandlerMetaInfo;
import io.javalin.http.ContentType;
import io.javalin.http.Context;
import io.javalin.http.staticfiles.Location;
import io.javalin.json.JavalinJackson;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.gridlens.geodata.analytics.DataVersion;
import org.gridlens.geodata.analytics.coverage.CoverageCalculator;
import org.gridlens.geodata.analytics.coverage.WalkingNetwork;
import org.gridlens.geodata.analytics.layer.AnalyticLayerRefresher;
import org.gridlens.geodata.db.Database;
import org.gridlens.geodata.dictionary.DictionaryRepository;
import org.gridlens.geodata.events.ChangeFeed;
import org.gridlens.geodata.exporting.LayerExporter;
import org.gridlens.geodata.importing.LayerImporter;
import org.gridlens.geodata.intake.CategoryCodes;
import org.gridlens.geodata.intake.CellLocator;
import org.gridlens.geodata.intake.DistrictBoundary;
import org.gridlens.geodata.intake.GroupCommitter;
import org.gridlens.geodata.intake.IncidentIntake;
import org.gridlens.geodata.intake.IntakeRules;
import org.gridlens.geodata.region.RegionRepository;
import org.gridlens.geodata.security.AuditLog;
import org.gridlens.geodata.security.CredentialStore;
import org.gridlens.geodata.stats.DistrictSummaryQuery;
import org.gridlens.geodata.stats.WallStatsQuery;
import org.gridlens.geodata.threed.CityJsonWriter;
import org.gridlens.geodata.threed.VolumeQuery;
import org.gridlens.geodata.workflow.CaseRepository;
import org.gridlens.geodata.workflow.CaseSearch;
import org.gridlens.geodata.workflow.OrderQueue;
import org.gridlens.server.analytics.AnalyticLayerScheduler;
import org.gridlens.server.analytics.AnalyticsController;
import org.gridlens.server.analytics.CameraCoverageController;
import org.gridlens.server.analytics.WorkloadController;
import org.gridlens.server.cases.CaseController;
import org.gridlens.server.config.ConfigException;
import org.gridlens.server.config.ConfigKeys;
import org.gridlens.server.config.GridLensConfig;
import org.gridlens.server.dictionary.DictionaryController;
import org.gridlens.server.events.EventHub;
import org.gridlens.server.events.EventPipeline;
import org.gridlens.server.events.EventStreamController;
import org.gridlens.server.events.LiveSettings;
import org.gridlens.server.exporting.ExportController;
import org.gridlens.server.health.HealthController;
import org.gridlens.server.http.ApiErrors;
import org.gridlens.server.http.JsonMappers;
import org.gridlens.server.http.RequestLimiter;
import org.gridlens.server.http.RequestMetrics;
import org.gridlens.server.importing.ImportController;
import org.gridlens.server.importing.ImportSettings;
import org.gridlens.server.intake.IntakeController;
import org.gridlens.server.layers.LayerController;
import org.gridlens.server.layers.TileConfig;
import org.gridlens.server.ogc.OgcController;
import org.gridlens.server.ogc.OgcTilesController;
import org.gridlens.server.open311.Open311Controller;
import org.gridlens.server.security.Access;
import org.gridlens.server.security.AccessManager;
import org.gridlens.server.security.AdminController;
import org.gridlens.server.security.LoginController;
import org.gridlens.server.security.SecurityHeaders;
import org.gridlens.server.threed.VolumeController;
import org.gridlens.server.views.WallConfigSource;
import org.gridlens.server.views.WallDataController;
import org.gridlens.server.wall.SummaryCache;
import org.gridlens.server.wall.WallController;
import org.gridlens.tiles.cache.PrewarmView;
import org.gridlens.tiles.cache.TilePrewarmer;
import org.gridlens.tiles.cache.TileService;
import org.gridlens.tiles.filter.CategoryAllowList;
import org.gridlens.tiles.filter.TileFilterParser;
import org.gridlens.tiles.layer.LayerCatalog;
import org.gridlens.tiles.render.TileRenderer;
import org.gridlens.tiles.tilejson.DistrictExtent;
import static org.gridlens.server.security.Access.ADMIN;
import static org.gridlens.server.security.Access.DATA_STEWARD;
import static org.gridlens.server.security.Access.INTAKE;
import static org.gridlens.server.security.Access.MANAGER;
import static org.gridlens.server.security.Access.PLANNER;
import static org.gridlens.server.security.Access.PUBLIC;
import static org.gridlens.server.security.Access.WALL;
import static org.gridlens.server.security.Audited.audited;

/**
 * Builds the GridLens HTTP application from its collaborators. Tests build the same object against a
 * test database; nothing here reads global state.
 *
 * <p>The route table below is the whole HTTP surface of the server.
 */
public final class GridLensApp {

    private static final Access[] READERS = Access.READERS;
    /** Static files up to this size are compressed once and kept in memory (ECharts is ~1 MB). */
    private static final int PRECOMPRESS_MAX_BYTES = 2 * 1024 * 1024;
    private static final Access[] READERS_AND_INTAKE = {WALL, PLANNER, MANAGER, DATA_STEWARD, INTAKE, ADMIN};

    /** Configured public base URL ("" derives it from each request). */
    public static final Key<String> PUBLIC_URL = new Key<>("gridlens.publicUrl");

    private final GridLensConfig config;
    private final PrometheusMeterRegistry metrics;
    private final HealthController health;
    private final LayerController layers;
    private final List<PrewarmView> prewarmViews;
    private final DistrictExtent extent;
    private volatile TilePrewarmer prewarmer;
    private final TileService tiles;
    private final javax.sql.DataSource tilePool;
    private final ChangeFeed changeFeed;
    private final WallController wall;
    private final AnalyticsController analytics;
    private final CameraCoverageController cameraCoverage;
    private final WorkloadController workload;
    private final AnalyticLayerScheduler analyticLayers;
    private final AccessManager access;
    private final AuditLog audit;
    private final RequestLimiter limiter;
    private final LoginController login;
    private final AdminController admin;
    private final byte[] wallPage;
    private final java.util.List<HandlerMetaInfo> routeTable = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final WallDataController wallData;
    private final byte[] plannerPage;
    private final byte[] managerPage;
    private final EventHub events;
    private final EventPipeline eventPipeline;
    private final EventStreamController eventStream;
    private final IntakeController intake;
    /**
     * Group commit of single intakes: 4 transactions in flight, ≤ 50 reports each, ≤ 4,096 waiting. Notifying
     * commits are serialised by PostgreSQL, but each transaction's statement round trips still overlap: on this
     * machine 8 connections committed 2.2× as many NOTIFY transactions per second as one (IntakeBenchmark's
     * commit floor), so fewer writers do not pay (2 were tried).
     */
    private static final int INTAKE_GROUP = 50;
    private static final int INTAKE_QUEUE = 4096;
    /** Changes are gathered this long before pre-warmed tiles are rendered again. */
    private static final long PREWARM_DEBOUNCE_MS = 2_000;
    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(GridLensApp.class);
    private final GroupCommitter intakeWriters;
    private final CaseController cases;
    private final Open311Controller open311;
    private final DictionaryController dictionary;
    private final ImportController imports;
    private final ExportController exports;
    private final OgcController ogc;
    private final OgcTilesController ogcTiles;
    private final VolumeController volumes;

    public GridLensApp(GridLensConfig config, Database database, PrometheusMeterRegistry metrics) {
        this.config = config;
        this.metrics = metrics;
        this.health = new HealthController(database);
        LayerCatalog catalog = LayerCatalog.standard();
        CredentialStore credentials = new CredentialStore(database.dataSource());
        this.audit = new AuditLog(database.dataSource());
        this.access = new AccessManager(credentials);
        GridLensConfig.Limits l = config.limits();
        this.limiter = new RequestLimiter(java.util.Map.of(
                RequestLimiter.RequestClass.ANALYTICS, l.analyticsConcurrent(),
                RequestLimiter.RequestClass.INTAKE, l.intakeConcurrent(),
                RequestLimiter.RequestClass.EXPORT, l.exportConcurrent(),
                RequestLimiter.RequestClass.API, l.apiConcurrent()), java.util.Map.of(
                RequestLimiter.RequestClass.ANALYTICS, l.analyticsStatement(),
                RequestLimiter.RequestClass.INTAKE, l.intakeStatement(),
                RequestLimiter.RequestClass.EXPORT, l.exportStatement()), l.clientRps(), metrics);
        this.login = new LoginController(credentials, audit);
        this.admin = new AdminController(credentials, audit, access);
        this.analytics = AnalyticsController.fromConfig(database.readOnly(), config.values());
        TileConfig tileConfig = TileConfig.from(config);
        // Tiles read through their own pool, one connection per render slot, whose sessions carry the tile
        // statement timeout and generic plans: a tile is one statement execution per layer.
        this.tilePool = database.readOnlyPool(TileRenderer.poolSettings(tileConfig.statementTimeout(),
                tileConfig.service().maxRenders()));
        this.tiles = new TileService(new TileRenderer(tilePool, catalog), catalog, tileConfig.service(), metrics);
        this.changeFeed = tileConfig.changeFeed() ? new ChangeFeed(database.target()) : null;
        if (changeFeed != null) {
            changeFeed.subscribe(tiles::onChange);
            changeFeed.start();
        }
        DistrictExtent extent = new DistrictExtent(database.readOnly());
        this.cameraCoverage = new CameraCoverageController(database.readOnly(),
                AnalyticsController.cacheEntries(config.values()));
        this.workload = new WorkloadController(database.readOnly(), AnalyticsController.policy(config.values()),
                AnalyticsController.cacheEntries(config.values()), Clock.systemUTC());
        this.analyticLayers = new AnalyticLayerScheduler(
                new AnalyticLayerRefresher(database.dataSource(),
                        AnalyticLayerRefresher.CoverageSource.auto(
                                new CoverageCalculator(database.readOnly(), AnalyticsController.policy(config.values())),
                                CoverageCalculator.walking(database.readOnly(), AnalyticsController.policy(config.values())),
                                new WalkingNetwork(database.readOnly())),
                        Clock.systemUTC()),
                AnalyticLayerScheduler.interval(
                        config.values().get(ConfigKeys.ANALYTICS_LAYERS_REFRESH_S.name()).value()),
                changeFeed != null);
        if (changeFeed != null) {
            changeFeed.subscribe(analyticLayers::onChange);
        }
        this.layers = new LayerController(catalog, tiles,
                new TileFilterParser(new CategoryAllowList(database.readOnly()), Clock.systemUTC()), extent, audit);
        this.prewarmViews = tileConfig.prewarm();
        this.extent = extent;
        DataVersion dataVersion = new DataVersion(database.readOnly());
        Duration wallAnswerMaxAge = wallAnswerMaxAge(config.values().get(ConfigKeys.WALL_ANSWER_MAX_AGE_SECONDS.name()).value());
        this.wall = new WallController(new RegionRepository(database.readOnly()),
                new SummaryCache(new DistrictSummaryQuery(database.readOnly()), dataVersion::current, Clock.systemUTC(),
                        wallAnswerMaxAge));
        this.wallPage = resource("/gridlens-web/wall.html");
        String wallConfigFile = config.values().get(ConfigKeys.WALL_CONFIG_FILE.name()).value();
        this.wallData = new WallDataController(new WallStatsQuery(database.readOnly()), new WallConfigSource(
                wallConfigFile.isBlank() ? Optional.empty() : Optional.of(Path.of(wallConfigFile))), analytics::publishedCoverage,
                dataVersion::current, wallAnswerMaxAge);
        this.plannerPage = resource("/gridlens-web/planner.html");
        this.managerPage = resource("/gridlens-web/manager.html");
        LiveSettings live = LiveSettings.from(config.values());
        this.events = new EventHub(live.replaySize(), live.replayMaxAge(), live.clientQueue());
        // Layer-changed notices come from the tile service after it dropped the touched tiles, so a display
        // that refetches never gets a stale tile; without the tile change feed the pipeline relays them itself.
        this.eventPipeline = new EventPipeline(database, events, live.overdueScan(), changeFeed == null);
        if (changeFeed != null) {
            tiles.addListener(events::layerChanged);
        }
        this.eventStream = new EventStreamController(events, live.heartbeat(), live.maxClients());
        CategoryCodes categories = new CategoryCodes(database.dataSource());
        IncidentIntake incidentIntake = new IncidentIntake(database.dataSource(), categories,
                new DistrictBoundary(database.dataSource()), new CellLocator(database.dataSource()), IntakeRules.standard(live.clockSkew()));
        this.intakeWriters = new GroupCommitter(incidentIntake, live.intakeWriters(), INTAKE_GROUP, INTAKE_QUEUE,
                config.limits().intakeStatement());
        this.intake = new IntakeController(incidentIntake, intakeWriters, live.maxRecordBytes(), live.maxBatchBytes());
        // Group sizes and transaction times of single intake: mean group = reports / groups.
        metrics.more().counter("gridlens.intake.groups", java.util.List.of(), intakeWriters, w -> w.stats().groups());
        metrics.more().counter("gridlens.intake.grouped.reports", java.util.List.of(), intakeWriters, w -> w.stats().reports());
        metrics.more().counter("gridlens.intake.group.store.seconds", java.util.List.of(), intakeWriters,
                w -> w.stats().storeNanos() / 1e9);
        CaseRepository caseRepository = new CaseRepository(database.dataSource(), categories);
        this.cases = new CaseController(caseRepository, new OrderQueue(database.dataSource()));
        this.open311 = new Open311Controller(incidentIntake, new CaseSearch(database.dataSource()), categories,
                live.maxRecordBytes());
        this.dictionary = new DictionaryController(new DictionaryRepository(database.dataSource()));
        this.imports = new ImportController(new LayerImporter(database.dataSource(), ImportSettings.limits(config)),
                ImportSettings.maxBytes(config));
        LayerExporter exporter = new LayerExporter(database.dataSource());
        this.exports = new ExportController(exporter, new CityJsonWriter(database.dataSource()));
        this.ogcTiles = new OgcTilesController(catalog, layers, extent);
        this.ogc = new OgcController(exporter, ogcTiles);
        this.volumes = new VolumeController(new VolumeQuery(database.dataSource()));
    }

    /** Renders the configured wall views into the tile cache and keeps them rendered after changes. */
    private void startPrewarming() {
        if (prewarmViews.isEmpty()) {
            return;
        }
        Optional<org.locationtech.jts.geom.Envelope> district = extent.get();
        if (district.isEmpty()) {
            log.info("tiles.prewarm: no district loaded yet, nothing to pre-warm");
            return;
        }
        TilePrewarmer p = new TilePrewarmer(tiles, LayerCatalog.standard(), prewarmViews, district.get(), PREWARM_DEBOUNCE_MS);
        tiles.addListener(p);
        metrics.gauge("gridlens.tiles.prewarmed", p, TilePrewarmer::warmed);
        p.start();
        prewarmer = p;
    }

    /** The tile pool is this server's own (the shared pools belong to the Database, closed by its owner). */
    private void closeTilePool() {
        if (tilePool instanceof AutoCloseable c) {
            try {
                c.close();
            } catch (Exception e) {
                log.warn("closing the tile pool failed: {}", e.toString());
            }
        }
    }

    private void stopPrewarming() {
        TilePrewarmer p = prewarmer;
        if (p != null) {
            p.close();
        }
    }

    public Javalin javalin() {
        return Javalin.create(cfg -> {
            cfg.http.maxRequestSize = config.maxBodyBytes();
            cfg.jsonMapper(new JavalinJackson(JsonMappers.create(), false));
            cfg.http.generateEtags = true;
            cfg.startup.showJavalinBanner = false;
            cfg.router.ignoreTrailingSlashes = true;
            cfg.jetty.host = config.httpHost();
            cfg.jetty.port = config.httpPort();
            cfg.appData(PUBLIC_URL, config.publicUrl().orElse(""));
            cfg.events.handlerAdded(routeTable::add);
            // WebJars (ECharts: ~1 MB of script) and the pages' own files are compressed once and served from
            // memory: compressing ECharts for every wall that opens cost a loaded machine hundreds of ms.
            cfg.staticFiles.add(s -> {
                s.hostedPath = "/webjars";
                s.directory = "META-INF/resources/webjars";
                s.location = Location.CLASSPATH;
                s.precompressMaxSize = PRECOMPRESS_MAX_BYTES;
                s.headers = Map.of("Cache-Control", "max-age=31622400");
            });
            // Cached public tiles for anonymous clients are answered before the servlet (see CachedTileFastPath).
            cfg.jetty.modifyServletContextHandler(h -> h.insertHandler(layers.fastPath(metrics)));
            if (!config.corsOrigins().isEmpty()) {
                // Other departments' web GIS clients read tiles, TileJSON and OGC API from their own origin.
                // No credentials cross origins: such clients send a token in Authorization.
                cfg.bundledPlugins.enableCors(cors -> cors.addRule(rule -> {
                    if (config.corsOrigins().contains("*")) {
                        rule.anyHost();
                    } else {
                        config.corsOrigins().forEach(o -> rule.allowHost(o));
                    }
                    List.of("ETag", "Retry-After", "X-GridLens-Cache", "X-GridLens-Stale", "X-GridLens-Generalised",
                                    "X-GridLens-Left-Out")
                            .forEach(rule::exposeHeader);
                }));
            }
            cfg.staticFiles.add(s -> {
                s.hostedPath = "/static";
                s.directory = "/gridlens-web";
                s.location = Location.CLASSPATH;
                s.precompressMaxSize = PRECOMPRESS_MAX_BYTES;
            });
            cfg.events.serverStarted(eventPipeline::start);
            cfg.events.serverStarted(this::startPrewarming);
            cfg.events.serverStopping(this::stopPrewarming);
            cfg.events.serverStarted(analyticLayers::start);
            cfg.events.serverStopping(analyticLayers::close);
            cfg.events.serverStopping(eventPipeline::close);
            cfg.events.serverStopping(intakeWriters::close);
            if (changeFeed != null) {
                cfg.events.serverStopped(changeFeed::close);
            }
            cfg.events.serverStopped(this::closeTilePool);
            routes(cfg.routes);
            cfg.routes.beforeMatched(access::check);
            cfg.routes.beforeMatched(limiter::before);
            cfg.routes.after(limiter::after);
            cfg.routes.after(SecurityHeaders::apply);
            ApiErrors.register(cfg.routes);
            RequestMetrics.register(cfg.routes, metrics);
        });
    }

    /**
     * The whole HTTP surface. Every route names who may call it ({@link Access}); a route without a
     * rule is refused at run time and fails {@code RouteAccessMatrixTest}.
     */
    private void routes(RoutesConfig r) {
        r.get("/", this::wallPage, PUBLIC);
        r.get("/wall", this::wallPage, PUBLIC);
        r.get("/health", health::health, PUBLIC);
        r.get("/metrics", this::scrape, ADMIN);

        r.post("/api/login", login::login, PUBLIC);
        r.post("/api/logout", login::logout, PUBLIC);
        r.get("/api/me", login::me, READERS_AND_INTAKE);
        r.get("/api/admin/audit", admin::auditTrail, ADMIN);
        r.post("/api/admin/tokens", admin::issueToken, ADMIN);
        r.delete("/api/admin/tokens/{id}", admin::revokeToken, ADMIN);

        r.get("/api/layers", layers::list, PUBLIC);
        r.get("/tiles/{layers}/{z}/{x}/{y}", layers::tile, PUBLIC);
        r.get("/tiles/{layers}", layers::tileJson, PUBLIC);
        r.get("/api/regions/{level}", wall::regions, READERS);
        r.get("/api/wall/summary", wall::summary, READERS);

        r.get("/api/analytics/stats", analytics::stats, READERS);
        r.get("/api/analytics/coverage", analytics::coverage, PLANNER, ADMIN);
        r.get("/api/analytics/coverage/uncovered.geojson", analytics::uncovered, PLANNER, ADMIN);
        r.get("/api/analytics/hotspots", analytics::hotspots, READERS);
        r.get("/api/analytics/hotareas", analytics::hotAreas, READERS);
        r.get("/api/analytics/hotareas/{id}/incidents", analytics::hotAreaIncidents, MANAGER, ADMIN);
        r.get("/api/analytics/emerging", analytics::emerging, READERS);
        r.get("/api/analytics/knox", analytics::knox, MANAGER, PLANNER, ADMIN);
        r.get("/api/analytics/cameras", cameraCoverage::coverage, READERS);
        r.get("/api/analytics/cameras/blindspots.geojson", cameraCoverage::blindSpots, READERS);
        r.get("/api/analytics/workload", workload::workload, MANAGER, PLANNER, ADMIN);

        r.get("/planner", ctx -> page(ctx, plannerPage), PUBLIC);
        r.get("/manager", ctx -> page(ctx, managerPage), PUBLIC);
        r.get("/api/wall/config", wallData::config, READERS);
        r.get("/api/wall/kpis", wallData::kpis, READERS);
        r.get("/api/wall/categories", wallData::categories, READERS);
        r.get("/api/wall/trend", wallData::trend, READERS);
        r.get("/api/wall/subdistricts", wallData::subdistricts, READERS);
        r.get("/api/wall/latest", wallData::latest, READERS);
        r.get("/api/wall/points", wallData::points, READERS);
        r.get("/api/wall/buildings", wallData::buildings, READERS);
        r.get("/api/wall/coverage", wallData::coverage, READERS);

        r.post("/api/incidents", intake::single, INTAKE);
        r.post("/api/incidents/batch", intake::batch, INTAKE);
        r.get("/api/incidents/{id}", cases::get, MANAGER, INTAKE);
        r.post("/api/incidents/{id}/transitions", audited(audit, "case.transition", cases::transition), MANAGER, INTAKE);
        r.get("/api/orders", cases::orders, MANAGER, INTAKE);
        r.before("/api/events", eventStream::admit);
        r.sse("/api/events", eventStream::stream, READERS);
        r.get("/open311/v2/services.json", open311::services, PUBLIC);
        r.get("/open311/v2/services.xml", open311::services, PUBLIC);
        r.get("/open311/v2/services/{code}", open311::service, PUBLIC);
        r.post("/open311/v2/requests.json", open311::post, INTAKE);
        r.post("/open311/v2/requests.xml", open311::post, INTAKE);
        r.get("/open311/v2/requests.json", open311::list, MANAGER, INTAKE);
        r.get("/open311/v2/requests.xml", open311::list, MANAGER, INTAKE);
        r.get("/open311/v2/requests/{id}", open311::request, MANAGER, INTAKE);

        r.get("/api/dictionary", dictionary::dictionary, PUBLIC);
        r.get("/dictionary", this::dictionaryPage, PUBLIC);
        r.post("/api/import/{layer}", audited(audit, "import", imports::upload), DATA_STEWARD);
        r.get("/api/export/{file}", audited(audit, "export", exports::export), DATA_STEWARD);
        r.get("/ogc", ogc::landing, PUBLIC);
        r.get("/ogc/conformance", ogc::conformance, PUBLIC);
        r.get("/ogc/api", ogc::api, PUBLIC);
        r.get("/ogc/collections", ogc::collections, PUBLIC);
        r.get("/ogc/collections/{collectionId}", ogc::collection, PUBLIC);
        r.get("/ogc/collections/{collectionId}/items", ogc::items, PUBLIC);
        r.get("/ogc/collections/{collectionId}/items/{fid}", ogc::item, PUBLIC);
        // OGC API – Tiles: access is checked per layer inside, as for /tiles.
        r.get("/ogc/tileMatrixSets", ogcTiles::tileMatrixSets, PUBLIC);
        r.get("/ogc/tileMatrixSets/{tileMatrixSetId}", ogcTiles::tileMatrixSet, PUBLIC);
        r.get("/ogc/collections/{collectionId}/tiles", ogcTiles::tilesets, PUBLIC);
        r.get("/ogc/collections/{collectionId}/tiles/{tileMatrixSetId}", ogcTiles::tileset, PUBLIC);
        r.get("/ogc/collections/{collectionId}/tiles/{tileMatrixSetId}/{tileMatrix}/{tileRow}/{tileCol}", ogcTiles::tile, PUBLIC);
        r.get("/api/buildings/in-box", volumes::inBox, READERS);
    }

    /**
     * Every endpoint the built app serves, with its access rules (filled by {@link #javalin()}); before and
     * after handlers are included with their pseudo-methods.
     */
    public java.util.List<HandlerMetaInfo> routeTable() {
        return java.util.List.copyOf(routeTable);
    }

    /** The background refresh of the analytic tile layers (hotspot, hotarea, coverage, blind_spot). */
    public AnalyticLayerScheduler analyticLayers() {
        return analyticLayers;
    }

    /** The event hub, for publishers in other modules (e.g. the tile cache's layer-changed notices). */
    public EventHub events() {
        return events;
    }

    /** The tile service, e.g. to connect its {@link org.gridlens.tiles.cache.LayerChangeListener}s to the SSE stream. */
    public TileService tiles() {
        return tiles;
    }

    private void wallPage(Context ctx) {
        ctx.contentType(ContentType.TEXT_HTML).result(wallPage);
    }

    private static void page(Context ctx, byte[] html) {
        ctx.contentType(ContentType.TEXT_HTML).result(html);
    }

    private void dictionaryPage(Context ctx) {
        ctx.redirect("/static/dictionary.html");
    }

    private void scrape(Context ctx) {
        ctx.contentType("text/plain; version=0.0.4; charset=utf-8").result(metrics.scrape());
    }

    /** {@code wall.answer-max-age-seconds}: 0 to 3600 seconds; anything else fails start-up naming the key. */
    static Duration wallAnswerMaxAge(String value) {
        String key = ConfigKeys.WALL_ANSWER_MAX_AGE_SECONDS.name();
        try {
            long s = Long.parseLong(value.trim());
            if (s < 0 || s > 3600) {
                throw new ConfigException(key + " must be between 0 and 3600, not " + s);
            }
            return Duration.ofSeconds(s);
        } catch (NumberFormatException e) {
            throw new ConfigException(key + " must be a whole number of seconds, not '" + value + "'");
        }
    }

    private static byte[] resource(String path) {
        try (InputStream in = GridLensApp.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("web resource " + path + " is missing from the classpath");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
