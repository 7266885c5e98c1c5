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
import org.gridlens.geodata.region.RegionRepository;
import org.gridlens.geodata.stats.DistrictSummaryQuery;
import org.gridlens.server.config.GridLensConfig;
import org.gridlens.server.health.HealthController;
import org.gridlens.server.http.ApiErrors;
import org.gridlens.server.http.RequestMetrics;
import org.gridlens.server.layers.LayerController;
import org.gridlens.server.wall.WallController;
import org.gridlens.geodata.events.ChangeFeed;
import org.gridlens.server.layers.TileConfig;
import org.gridlens.tiles.cache.TileService;
import org.gridlens.tiles.filter.CategoryAllowList;
import org.gridlens.tiles.filter.TileFilterParser;
import org.gridlens.tiles.layer.LayerCatalog;
import org.gridlens.tiles.render.TileRenderer;
import org.gridlens.tiles.tilejson.DistrictExtent;

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
    private final TileService tiles;
    private final ChangeFeed changeFeed;
    private final WallController wall;
    private final byte[] wallPage;

    public GridLensApp(GridLensConfig config, Database database, PrometheusMeterRegistry metrics) {
        this.config = config;
        this.metrics = metrics;
        this.health = new HealthController(database);
        LayerCatalog catalog = LayerCatalog.standard();
        TileConfig tileConfig = TileConfig.from(config);
        this.tiles = new TileService(new TileRenderer(database.dataSource(), catalog, tileConfig.statementTimeout()),
                catalog, tileConfig.service(), metrics);
        this.changeFeed = tileConfig.changeFeed() ? new ChangeFeed(database.target()) : null;
        if (changeFeed != null) {
            changeFeed.subscribe(tiles::onChange);
            changeFeed.start();
        }
        this.layers = new LayerController(catalog, tiles,
                new TileFilterParser(new CategoryAllowList(database.dataSource()), java.time.Clock.systemUTC()),
                new DistrictExtent(database.dataSource()));
        this.wall = new WallController(new RegionRepository(database.dataSource()),
                new DistrictSummaryQuery(database.dataSource()));
        this.wallPage = resource("/gridlens-web/wall.html");
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
            if (changeFeed != null) {
                cfg.events.serverStopped(changeFeed::close);
            }
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
        r.get("/tiles/{layers}", layers::tileJson);
        r.get("/api/regions/{level}", wall::regions);
        r.get("/api/wall/summary", wall::summary);
    }

    /** The tile service, e.g. to connect its {@link org.gridlens.tiles.cache.LayerChangeListener}s to the SSE stream. */
    public TileService tiles() {
        return tiles;
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
