package org.gridlens.server.http;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.concurrent.TimeUnit;

/**
 * Times every request into {@code http_server_requests_seconds}, tagged by method, route pattern (never
 * the raw path, so tile coordinates do not explode the label set) and status.
 */
public final class RequestMetrics {

    private static final String START = "gridlens.start";

    private RequestMetrics() {
    }

    public static void register(RoutesConfig routes, MeterRegistry registry) {
        routes.before(ctx -> ctx.attribute(START, System.nanoTime()));
        routes.after(ctx -> {
            Long start = ctx.attribute(START);
            if (start == null) {
                return;
            }
            Timer.builder("http.server.requests")
                    .tag("method", ctx.method().name())
                    .tag("route", route(ctx))
                    .tag("status", String.valueOf(ctx.statusCode()))
                    .register(registry)
                    .record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
        });
    }

    /**
     * The matched HTTP endpoint's pattern. Not {@code ctx.endpoint()}: in an after-handler that is the
     * after-handler itself ("*"), which labelled every request alike until CachedTileFastPathTest read
     * the metric back.
     */
    private static String route(Context ctx) {
        try {
            io.javalin.router.Endpoint e = ctx.endpoints().lastHttpEndpoint();
            if (e != null) {
                return e.path;
            }
        } catch (RuntimeException noEndpoint) {
            // none matched
        }
        return ctx.statusCode() == 404 ? "unmatched" : "static";
    }
}
