package org.gridlens.server;

import io.javalin.Javalin;
import io.javalin.config.Key;
import io.javalin.config.RoutesConfig;
import io.javalin.http.ContentType;
import io.javalin.http.Context;
import io.javalin.http.staticfiles.Location;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import org.gridlens.geodata.db.Database;
import org.gridlens.geodata.intake.CategoryCodes;
import org.gridlens.geodata.intake.DistrictBoundary;
import org.gridlens.geodata.intake.IncidentIntake;
import org.gridlens.geodata.intake.IntakeRules;
import org.gridlens.geodata.workflow.CaseRepository;
import org.gridlens.geodata.workflow.OrderQueue;
import org.gridlens.geodata.region.RegionRepository;
import org.gridlens.geodata.stats.DistrictSummaryQuery;
import org.gridlens.server.cases.CaseController;
import org.gridlens.server.config.GridLensConfig;
import org.gridlens.server.events.EventHub;
import org.gridlens.server.events.EventPipeline;
import org.gridlens.server.events.EventStreamController;
import org.gridlens.server.events.LiveSettings;
import org.gridlens.server.intake.IntakeController;
import org.gridlens.server.open311.Open311Controller;
import org.gridlens.server.health.HealthController;
import org.gridlens.server.http.ApiErrors;
import org.gridlens.server.http.RequestMetrics;
import org.gridlens.server.layers.LayerController;
import org.gridlens.server.wall.WallController;
import org.gridlens.tiles.layer.LayerCatalog;
import org.gridlens.tiles.render.TileRenderer;

/**
 * Builds the GridLens HTTP application from its collaborators. Tests build the same object against a
 * test database; nothing here reads global state.
 *
 * <p>The route table below is the whole HTTP surface of the server.
 */
public final class GridLensApp {

    /** Configured public base URL ("" derives it from each request). */
    public static final Key<String> PUBLIC_URL = new Key<>("gridlens.publicUrl");

    private final GridLensConfig config;
    private final PrometheusMeterRegistry metrics;
    private final HealthController health;
    private final LayerController layers;
    private final WallController wall;
    private final byte[] wallPage;
    private final EventHub events;
    private final EventPipeline eventPipeline;
    private final EventStreamController eventStream;
    private final IntakeController intake;
    private final CaseController cases;
    private final Open311Controller open311;

    public GridLensApp(GridLensConfig config, Database database, PrometheusMeterRegistry metrics) {
        this.config = config;
        this.metrics = metrics;
        this.health = new HealthController(database);
        LayerCatalog catalog = LayerCatalog.standard();
        this.layers = new LayerController(catalog, new TileRenderer(database.dataSource(), catalog));
        this.wall = new WallController(new RegionRepository(database.dataSource()),
                new DistrictSummaryQuery(database.dataSource()));
        this.wallPage = resource("/gridlens-web/wall.html");
        LiveSettings live = LiveSettings.from(config.values());
        this.events = new EventHub(live.replaySize(), live.replayMaxAge(), live.clientQueue());
        this.eventPipeline = new EventPipeline(database, events, live.overdueScan());
        this.eventStream = new EventStreamController(events, live.heartbeat(), live.maxClients());
        CategoryCodes categories = new CategoryCodes(database.dataSource());
        IncidentIntake incidentIntake = new IncidentIntake(database.dataSource(), categories,
                new DistrictBoundary(database.dataSource()), IntakeRules.standard(live.clockSkew()));
        this.intake = new IntakeController(incidentIntake, live.maxRecordBytes(), live.maxBatchBytes());
        CaseRepository caseRepository = new CaseRepository(database.dataSource(), categories);
        this.cases = new CaseController(caseRepository, new OrderQueue(database.dataSource()));
        this.open311 = new Open311Controller(incidentIntake, new org.gridlens.geodata.workflow.CaseSearch(database.dataSource()), categories,
                live.maxRecordBytes());
    }

    public Javalin javalin() {
        return Javalin.create(cfg -> {
            cfg.http.maxRequestSize = config.maxBodyBytes();
            cfg.http.generateEtags = true;
            cfg.startup.showJavalinBanner = false;
            cfg.router.ignoreTrailingSlashes = true;
            cfg.jetty.host = config.httpHost();
            cfg.jetty.port = config.httpPort();
            cfg.appData(PUBLIC_URL, config.publicUrl().orElse(""));
            cfg.staticFiles.enableWebjars();
            cfg.staticFiles.add(s -> {
                s.hostedPath = "/static";
                s.directory = "/gridlens-web";
                s.location = Location.CLASSPATH;
            });
            cfg.events.serverStarted(eventPipeline::start);
            cfg.events.serverStopping(eventPipeline::close);
            routes(cfg.routes);
            ApiErrors.register(cfg.routes);
            RequestMetrics.register(cfg.routes, metrics);
        });
    }

    private void routes(RoutesConfig r) {
        r.get("/", this::wallPage);
        r.get("/wall", this::wallPage);
        r.get("/health", health::health);
        r.get("/metrics", this::scrape);
        r.get("/api/layers", layers::list);
        r.get("/tiles/{layers}/{z}/{x}/{y}", layers::tile);
        r.get("/api/regions/{level}", wall::regions);
        r.get("/api/wall/summary", wall::summary);
        r.post("/api/incidents", intake::single);
        r.post("/api/incidents/batch", intake::batch);
        r.get("/api/incidents/{id}", cases::get);
        r.post("/api/incidents/{id}/transitions", cases::transition);
        r.get("/api/orders", cases::orders);
        r.before("/api/events", eventStream::admit);
        r.sse("/api/events", eventStream::stream);
        r.get("/open311/v2/services.json", open311::services);
        r.get("/open311/v2/services/{code}", open311::service);
        r.post("/open311/v2/requests.json", open311::post);
        r.get("/open311/v2/requests.json", open311::list);
        r.get("/open311/v2/requests/{id}", open311::request);
    }

    /** The event hub, for publishers in other modules (e.g. the tile cache's layer-changed notices). */
    public EventHub events() {
        return events;
    }

    private void wallPage(Context ctx) {
        ctx.contentType(ContentType.TEXT_HTML).result(wallPage);
    }

    private void scrape(Context ctx) {
        ctx.contentType("text/plain; version=0.0.4; charset=utf-8").result(metrics.scrape());
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
