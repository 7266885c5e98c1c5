package org.gridlens.server.http;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.javalin.http.Context;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Semaphore;
import org.gridlens.geodata.db.StatementTimeouts;
import org.gridlens.server.security.AccessManager;

/**
 * Bounds what one client and all clients together can make the server do.
 *
 * <ul>
 *   <li>Per client (signed-in principal, else address): a token bucket of {@code perClientRate} requests
 *       per second with a burst of twice that; beyond it, 429 with {@code Retry-After}.</li>
 *   <li>Per request class (analytics, intake, export, other API): at most N requests in progress; beyond
 *       it, 503 with {@code Retry-After} at once (no queueing, so a flood cannot pile up threads).</li>
 * </ul>
 * While a request of a class with its own statement timeout is handled, the connections its thread
 * takes run under that timeout ({@link StatementTimeouts}); a statement over it is cancelled by
 * PostgreSQL and answers 503.
 * {@code /health}, {@code /metrics}, static files and the event stream are exempt, so monitoring and
 * displays keep answering under load. Tiles are bounded by the tile service itself, which limits only
 * uncached rendering so cached tiles keep flowing.
 */
public final class RequestLimiter {

    /** Classes of work with their own concurrency bound. */
    public enum RequestClass { TILES, ANALYTICS, INTAKE, EXPORT, API, EXEMPT }

    private static final String PERMIT = "gridlens.permit";
    private final Map<RequestClass, Semaphore> inFlight = new EnumMap<>(RequestClass.class);
    private final Cache<String, TokenBucket> buckets = Caffeine.newBuilder()
            .maximumSize(100_000).expireAfterAccess(Duration.ofMinutes(10)).build();
    private final Map<RequestClass, Duration> statementTimeouts;
    private final double perClientRate;
    private final MeterRegistry metrics;

    /**
     * @param concurrency   most requests in progress per class (classes not listed are unbounded)
     * @param statementTimeouts statement timeout per class (classes not listed run under the pool's default)
     * @param perClientRate sustained requests per second allowed to one client
     */
    public RequestLimiter(Map<RequestClass, Integer> concurrency, Map<RequestClass, Duration> statementTimeouts,
                          double perClientRate, MeterRegistry metrics) {
        concurrency.forEach((k, v) -> inFlight.put(k, new Semaphore(v)));
        this.statementTimeouts = Map.copyOf(statementTimeouts);
        this.perClientRate = perClientRate;
        this.metrics = metrics;
    }

    /** The class of a request path. */
    public static RequestClass classify(String path) {
        if (path.equals("/health") || path.equals("/metrics") || path.startsWith("/static/")
                || path.startsWith("/webjars/") || path.startsWith("/api/events")) {
            return RequestClass.EXEMPT;
        }
        if (path.startsWith("/tiles/")) {
            return RequestClass.TILES;
        }
        if (path.startsWith("/api/analytics/")) {
            return RequestClass.ANALYTICS;
        }
        if (path.startsWith("/api/incidents") || path.startsWith("/api/orders") || path.startsWith("/open311/")) {
            return RequestClass.INTAKE;
        }
        if (path.startsWith("/api/export/") || path.startsWith("/api/import/") || path.startsWith("/ogc/")) {
            return RequestClass.EXPORT;
        }
        return RequestClass.API;
    }

    public void before(Context ctx) {
        StatementTimeouts.exit(); // never inherit a scope a previous request on this thread left behind
        RequestClass rc = classify(ctx.path());
        if (rc == RequestClass.EXEMPT) {
            return;
        }
        String client = AccessManager.principal(ctx).map(p -> "p:" + p.name()).orElse("a:" + ctx.ip());
        TokenBucket bucket = buckets.get(client, k -> new TokenBucket(perClientRate, 2 * perClientRate));
        if (!bucket.tryTake()) {
            count("limit.client", rc);
            ctx.header("Retry-After", "1");
            throw new io.javalin.http.TooManyRequestsResponse("too many requests from this client; slow down");
        }
        Semaphore s = inFlight.get(rc);
        if (s != null) {
            if (!s.tryAcquire()) {
                count("limit.saturated", rc);
                ctx.header("Retry-After", "2");
                throw new io.javalin.http.ServiceUnavailableResponse("the server is busy with " + rc.name().toLowerCase(Locale.ROOT)
                        + " requests; try again shortly");
            }
            ctx.attribute(PERMIT, s);
        }
        Duration timeout = statementTimeouts.get(rc);
        if (timeout != null) {
            StatementTimeouts.enter(timeout);
        }
    }

    public void after(Context ctx) {
        StatementTimeouts.exit();
        Semaphore s = ctx.attribute(PERMIT);
        if (s != null) {
            ctx.attribute(PERMIT, null);
            s.release();
        }
    }

    private void count(String name, RequestClass rc) {
        if (metrics != null) {
            metrics.counter("gridlens." + name, "class", rc.name().toLowerCase(Locale.ROOT)).increment();
        }
    }

    /** A refilling token bucket; thread-safe. */
    static final class TokenBucket {
        private final double ratePerNano;
        private final double capacity;
        private double tokens;
        private long last = System.nanoTime();

        TokenBucket(double perSecond, double capacity) {
            this.ratePerNano = perSecond / 1e9;
            this.capacity = capacity;
            this.tokens = capacity;
        }

        synchronized boolean tryTake() {
            long now = System.nanoTime();
            tokens = Math.min(capacity, tokens + (now - last) * ratePerNano);
            last = now;
            if (tokens >= 1) {
                tokens -= 1;
                return true;
            }
            return false;
        }
    }
}
