package org.gridlens.server.security;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.javalin.http.Context;
import io.javalin.http.ForbiddenResponse;
import io.javalin.http.HandlerType;
import io.javalin.http.UnauthorizedResponse;
import io.javalin.security.RouteRole;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.gridlens.geodata.security.CredentialStore;
import org.gridlens.geodata.security.Principal;
import org.gridlens.server.http.ApiErrors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs before every matched route: finds the caller (API token in {@code Authorization: Bearer}, a
 * kiosk's {@code ?token=} on GET requests, or a session cookie) and checks it against the route's
 * {@link Access} rules.
 *
 * <ul>
 *   <li>No rule on the route → 403 (deny by default; the matrix test finds such routes first).</li>
 *   <li>{@link Access#PUBLIC} → allowed; the caller, if any, is still attached for finer checks.</li>
 *   <li>No valid credentials → 401 with {@code WWW-Authenticate: Bearer}; wrong role → 403.</li>
 *   <li>Cookie sessions must send {@code X-CSRF-Token} on every non-GET request (tokens in headers
 *       cannot be forged cross-site, so they need none).</li>
 * </ul>
 * Token checks are cached for {@value #CACHE_SECONDS} s, so a revoked token stops working within that time.
 * When the credential store (the database) cannot be reached, public routes are answered as for an
 * anonymous caller and other routes fail fast with 503.
 */
public final class AccessManager {

    public static final String SESSION_COOKIE = "gl_session";
    public static final String CSRF_HEADER = "X-CSRF-Token";
    static final int CACHE_SECONDS = 30;
    static final int STORE_DOWN_MILLIS = 3_000;
    private static final String PRINCIPAL = "gridlens.principal";
    /** A token's or session cookie's shape (compiled once: String.matches compiled it on every request). */
    private static final Pattern TOKEN_SHAPE = Pattern.compile("[A-Za-z0-9_-]{43}");
    private static final Logger log = LoggerFactory.getLogger(AccessManager.class);

    private final CredentialStore credentials;
    private volatile long storeDownSince = System.nanoTime() - STORE_DOWN_MILLIS * 2_000_000L;
    private final Cache<String, Optional<Principal>> tokenCache = Caffeine.newBuilder()
            .maximumSize(10_000).expireAfterWrite(Duration.ofSeconds(CACHE_SECONDS)).build();

    public AccessManager(CredentialStore credentials) {
        this.credentials = credentials;
    }

    /** The authenticated caller of this request, if any (set by {@link #check}). */
    public static Optional<Principal> principal(Context ctx) {
        return Optional.ofNullable(ctx.attribute(PRINCIPAL));
    }

    public void check(Context ctx) throws SQLException {
        Set<RouteRole> rules = ctx.routeRoles();
        if (rules.isEmpty() && isStaticFile(ctx)) {
            return; // the web module's static files and the ECharts WebJar are public by design
        }
        if (rules.isEmpty()) {
            log.error("route {} {} has no access rule; refusing", ctx.method(), ctx.endpoint().path);
            throw new ForbiddenResponse("this route has no access rule");
        }
        if (rules.contains(Access.PUBLIC)) {
            publicCaller(ctx).ifPresent(p -> ctx.attribute(PRINCIPAL, p));
            return;
        }
        Optional<Principal> caller = authenticate(ctx);
        caller.ifPresent(p -> ctx.attribute(PRINCIPAL, p));
        if (caller.isEmpty()) {
            ctx.header("WWW-Authenticate", "Bearer realm=\"gridlens\"");
            throw new UnauthorizedResponse("sign in or send an API token");
        }
        Principal p = caller.get();
        boolean allowed = rules.stream().anyMatch(r -> r instanceof Access a && a.role().map(p::has).orElse(true));
        if (!allowed) {
            throw new ForbiddenResponse("your role may not use this route");
        }
        if (p.csrf() != null && ctx.method() != HandlerType.GET && ctx.method() != HandlerType.HEAD) {
            String sent = ctx.header(CSRF_HEADER);
            if (sent == null || !java.security.MessageDigest.isEqual(sent.getBytes(), p.csrf().getBytes())) {
                throw new ForbiddenResponse("missing or wrong " + CSRF_HEADER + " header");
            }
        }
    }

    /**
     * The caller of a public route, or none when the credential store cannot be reached: a public route
     * never needs the caller, and answering it anonymously (with less access, never more) keeps cached
     * public tiles flowing while the database is down.
     */
    private Optional<Principal> publicCaller(Context ctx) throws SQLException {
        try {
            return authenticate(ctx);
        } catch (SQLException e) {
            if (!ApiErrors.isUnavailable(e)) {
                throw e;
            }
            log.debug("credential store unreachable; answering {} anonymously", ctx.path());
            return Optional.empty();
        }
    }

    private static boolean isStaticFile(Context ctx) {
        String path = ctx.path();
        return (ctx.method() == HandlerType.GET || ctx.method() == HandlerType.HEAD)
                && (path.startsWith("/static/") || path.startsWith("/webjars/"));
    }

    private Optional<Principal> authenticate(Context ctx) throws SQLException {
        String auth = ctx.header("Authorization");
        if (auth != null) {
            if (!auth.regionMatches(true, 0, "Bearer ", 0, 7)) {
                throw new UnauthorizedResponse("Authorization must be 'Bearer <token>'");
            }
            return token(auth.substring(7).trim());
        }
        String query = ctx.method() == HandlerType.GET ? ctx.queryParam("token") : null;
        if (query != null) {
            return token(query);
        }
        String cookie = ctx.cookie(SESSION_COOKIE);
        if (cookie != null && TOKEN_SHAPE.matcher(cookie).matches()) {
            return lookup(() -> credentials.checkSession(cookie));
        }
        return Optional.empty();
    }

    /**
     * Asks the credential store, failing at once (without waiting for the pool's timeout) for
     * {@value #STORE_DOWN_MILLIS} ms after it was last found unreachable.
     */
    private Optional<Principal> lookup(CredentialLookup lookup) throws SQLException {
        if (System.nanoTime() - storeDownSince < STORE_DOWN_MILLIS * 1_000_000L) {
            throw new SQLTransientConnectionException("the credential store was unreachable moments ago");
        }
        try {
            return lookup.get();
        } catch (SQLException e) {
            if (ApiErrors.isUnavailable(e)) {
                storeDownSince = System.nanoTime();
            }
            throw e;
        }
    }

    @FunctionalInterface
    private interface CredentialLookup {
        Optional<Principal> get() throws SQLException;
    }

    private Optional<Principal> token(String token) throws SQLException {
        if (!TOKEN_SHAPE.matcher(token).matches()) {
            return Optional.empty();
        }
        Optional<Principal> cached = tokenCache.getIfPresent(token);
        if (cached != null) {
            return cached;
        }
        Optional<Principal> p = lookup(() -> credentials.checkToken(token));
        tokenCache.put(token, p);
        return p;
    }

    /** Forgets cached token checks (after a revocation through this server). */
    public void forgetTokens() {
        tokenCache.invalidateAll();
    }
}
