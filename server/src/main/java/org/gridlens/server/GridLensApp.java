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
import org.gridlens.geodata.dictionary.DictionaryRepository;
import org.gridlens.geodata.exporting.LayerExporter;
import org.gridlens.geodata.importing.LayerImporter;
import org.gridlens.server.config.GridLensConfig;
import org.gridlens.server.dictionary.DictionaryController;
import org.gridlens.server.exporting.ExportController;
import org.gridlens.server.importing.ImportController;
import org.gridlens.server.importing.ImportSettings;
import org.gridlens.server.ogc.OgcController;
import org.gridlens.server.threed.VolumeController;
import org.gridlens.geodata.threed.VolumeQuery;
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
    private final DictionaryController dictionary;
    private final ImportController imports;
    private final ExportController exports;
    private final OgcController ogc;
    private final VolumeController volumes;

    public GridLensApp(GridLensConfig config, Database database, PrometheusMeterRegistry metrics) {
        this.config = config;
        this.metrics = metrics;
        this.health = new HealthController(database);
        LayerCatalog catalog = LayerCatalog.standard();
        this.layers = new LayerController(catalog, new TileRenderer(database.dataSource(), catalog));
        this.wall = new WallController(new RegionRepository(database.dataSource()),
                new DistrictSummaryQuery(database.dataSource()));
        this.wallPage = resource("/gridlens-web/wall.html");
        this.dictionary = new DictionaryController(new DictionaryRepository(database.dataSource()));
        this.imports = new ImportController(new LayerImporter(database.dataSource(), ImportSettings.limits(config)),
                ImportSettings.maxBytes(config));
        LayerExporter exporter = new LayerExporter(database.dataSource());
        this.exports = new ExportController(exporter, new org.gridlens.geodata.threed.CityJsonWriter(database.dataSource()));
        this.ogc = new OgcController(exporter);
        this.volumes = new VolumeController(new VolumeQuery(database.dataSource()));
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
        r.get("/api/dictionary", dictionary::dictionary);
        r.get("/dictionary", this::dictionaryPage);
        r.post("/api/import/{layer}", imports::upload);
        r.get("/api/export/{file}", exports::export);
        r.get("/ogc", ogc::landing);
        r.get("/ogc/conformance", ogc::conformance);
        r.get("/ogc/api", ogc::api);
        r.get("/ogc/collections", ogc::collections);
        r.get("/ogc/collections/{collectionId}", ogc::collection);
        r.get("/ogc/collections/{collectionId}/items", ogc::items);
        r.get("/ogc/collections/{collectionId}/items/{fid}", ogc::item);
        r.get("/api/buildings/in-box", volumes::inBox);
    }

    private void wallPage(Context ctx) {
        ctx.contentType(ContentType.TEXT_HTML).result(wallPage);
    }

    private void dictionaryPage(Context ctx) {
        ctx.redirect("/static/dictionary.html");
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
