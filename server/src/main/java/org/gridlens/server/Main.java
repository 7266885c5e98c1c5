package org.gridlens.server;

import io.javalin.Javalin;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.gridlens.geodata.db.Database;
import org.gridlens.geodata.db.DatabaseProvisioner;
import org.gridlens.geodata.db.ProvisionedDatabase;
import org.gridlens.geodata.db.ProvisioningException;
import org.gridlens.geodata.demo.DemoLoadReport;
import org.gridlens.geodata.demo.DemoLoader;
import org.gridlens.server.config.ConfigException;
import org.gridlens.server.config.ConfigKey;
import org.gridlens.server.config.ConfigKeys;
import org.gridlens.server.config.ConfigLoader;
import org.gridlens.server.config.GridLensConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code gridlens} command line.
 *
 * <pre>
 *   gridlens [serve]   [--key=value …]   provision the database, migrate, serve
 *   gridlens demo      [--key=value …]   same, loading the demo district first when the database is empty
 *   gridlens load-demo [--key=value …]   load the demo district into an empty database and exit
 *   gridlens migrate   [--key=value …]   apply schema migrations and exit
 *   gridlens config    [--key=value …]   print every configuration key, its effective value and source
 *   gridlens import &lt;layer&gt; &lt;file&gt; [--mapping m.json] [--crs c] [--key=value …]   import a file, print the report
 * </pre>
 * Exit codes: 0 done, 1 runtime failure (database unreachable, load failed), 2 usage or configuration error.
 */
public final class Main {

    private static final Logger log = LoggerFactory.getLogger(Main.class);

    private Main() {
    }

    public static void main(String[] args) {
        List<String> rest = new ArrayList<>(Arrays.asList(args));
        String command = !rest.isEmpty() && !rest.get(0).startsWith("--") ? rest.remove(0) : "serve";
        ImportCommand importCommand = null;
        if (command.equals("import")) {
            try {
                importCommand = ImportCommand.parse(rest, System.getenv("GRIDLENS_CALLER_DIR"));
            } catch (IllegalArgumentException e) {
                System.err.println("gridlens import: " + e.getMessage());
                System.err.println(ImportCommand.USAGE);
                System.exit(2);
                return;
            }
        }
        List<String> positional = new ArrayList<>();
        while (!rest.isEmpty() && !rest.get(0).startsWith("--")) {
            positional.add(rest.remove(0));
        }
        GridLensConfig config;
        try {
            config = ConfigLoader.load(rest, System.getenv());
        } catch (ConfigException e) {
            System.err.println("gridlens: " + e.getMessage());
            System.exit(2);
            return;
        }
        Logging.configure(config);
        try {
            switch (command) {
                case "serve" -> serve(config, false);
                case "demo" -> serve(config, true);
                case "load-demo" -> loadDemoOnly(config);
                case "migrate" -> migrateOnly(config);
                case "config" -> printConfig(config);
                case "user" -> Accounts.user(config, positional);
                case "token" -> Accounts.token(config, positional);
                case "import" -> System.exit(importCommand.run(config));
                case "help", "--help", "-h" -> usage();
                default -> {
                    System.err.println("gridlens: unknown command '" + command + "'");
                    usage();
                    System.exit(2);
                }
            }
        } catch (ProvisioningException e) {
            log.error("{}", e.getMessage());
            System.err.println("gridlens: " + e.getMessage());
            System.exit(1);
        } catch (IllegalArgumentException e) {
            System.err.println("gridlens: " + e.getMessage());
            System.exit(2);
        }
    }

    private static void serve(GridLensConfig config, boolean loadDemo) {
        logConfig(config);
        ProvisionedDatabase provisioned = new DatabaseProvisioner(config.database()).provision();
        PrometheusMeterRegistry metrics = GridLensMetrics.create();
        Database database = Database.open(provisioned.target(), config.pool(), metrics);
        Javalin[] app = new Javalin[1];
        Runtime.getRuntime().addShutdownHook(new Thread(() -> shutdown(app[0], database, provisioned), "gridlens-shutdown"));
        migrateOrExit(database);
        if (loadDemo && !DemoLoader.isLoaded(database.dataSource())) {
            log.info("database is empty: loading the '{}' demo district (seed {})", config.demoProfile().name().toLowerCase(),
                    config.demoSeed());
            DemoLoadReport report = new DemoLoader(database.dataSource()).load(config.demoProfile(), config.demoSeed());
            log.info("demo district loaded in {} s: {}", report.elapsed().toMillis() / 1000.0, report.rowCounts());
        }
        Accounts.Demo demoAccess = loadDemo ? Accounts.demoAccess(database) : null;
        app[0] = new GridLensApp(config, database, metrics).javalin().start();
        String url = config.publicUrl().orElse("http://" + displayHost(config.httpHost()) + ":" + app[0].port());
        log.info("GridLens is serving at {} (wall: {}/wall, health: {}/health)", url, url, url);
        System.out.println();
        if (demoAccess != null) {
            System.out.println("  GridLens wall display:  " + url + "/wall?token=" + demoAccess.wallToken());
            System.out.println("  Admin login:            user 'admin', password '" + demoAccess.adminPassword() + "'");
        } else {
            System.out.println("  GridLens wall display:  " + url + "/wall?token=<a wall token: gridlens token create NAME roles=wall>");
        }
        System.out.println("  Health:                 " + url + "/health");
        System.out.println("  Stop with Ctrl-C.");
        System.out.println();
    }

    private static void loadDemoOnly(GridLensConfig config) {
        logConfig(config);
        try (ProvisionedDatabase provisioned = new DatabaseProvisioner(config.database()).provision();
             Database database = Database.open(provisioned.target(), config.pool(), null)) {
            migrateOrExit(database);
            if (DemoLoader.isLoaded(database.dataSource())) {
                log.info("the database already holds data; nothing loaded");
                return;
            }
            DemoLoadReport report = new DemoLoader(database.dataSource()).load(config.demoProfile(), config.demoSeed());
            System.out.printf("loaded demo '%s' seed %d in %.1f s, checksum %s%n%s%n", report.profile().name().toLowerCase(),
                    report.seed(), report.elapsed().toMillis() / 1000.0, report.checksum(), report.rowCounts());
        }
    }

    private static void migrateOnly(GridLensConfig config) {
        logConfig(config);
        try (ProvisionedDatabase provisioned = new DatabaseProvisioner(config.database()).provision();
             Database database = Database.open(provisioned.target(), config.pool(), null)) {
            migrateOrExit(database);
        }
    }

    private static void migrateOrExit(Database database) {
        try {
            database.migrate();
        } catch (RuntimeException e) {
            Throwable root = e;
            while (root.getCause() != null) {
                root = root.getCause();
            }
            throw new ProvisioningException("cannot reach or migrate the database at " + database.target().redactedUrl()
                    + ": " + root.getMessage(), e);
        }
    }

    private static void shutdown(Javalin app, Database database, ProvisionedDatabase provisioned) {
        log.info("shutting down");
        if (app != null) {
            app.stop();
        }
        database.close();
        provisioned.close();
        log.info("stopped");
    }

    private static void logConfig(GridLensConfig config) {
        log.info("configuration (defaults → file → environment → flags):");
        for (String line : ConfigLoader.describe(config)) {
            log.info("  {}", line);
        }
    }

    private static void printConfig(GridLensConfig config) {
        for (ConfigKey k : ConfigKeys.ALL) {
            var v = config.values().get(k.name());
            System.out.printf("%s%n    %s%n    env %s, flag --%s=…, default '%s'%n    effective '%s' (%s)%n%n",
                    k.name(), k.description(), k.envName(), k.name(), k.defaultValue(), v.printable(), v.source());
        }
    }

    private static String displayHost(String host) {
        return host.equals("0.0.0.0") ? "localhost" : host;
    }

    private static void usage() {
        System.out.println("""
                usage: gridlens [serve|demo|load-demo|migrate|config|import|user|token] [--key=value ...]
                  serve      provision the database, apply migrations, serve HTTP (default)
                  demo       like serve, loading the demo district first when the database is empty
                  load-demo  load the demo district into an empty database and exit
                  migrate    apply schema migrations and exit
                  config     print every configuration key with its effective value and source
                  import     import <layer> <file> [--mapping m.json] [--crs EPSG:4543|GCJ-02]: import a file, print the report
                  user add NAME roles=planner,manager          create or reset a login; prints the password once
                  token create NAME roles=wall [days=365]      issue an API token; prints it once
                  token revoke ID                              revoke a token
                """);
    }
}
