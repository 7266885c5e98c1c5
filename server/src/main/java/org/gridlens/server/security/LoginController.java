package org.gridlens.server.security;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.javalin.http.BadRequestResponse;
import io.javalin.http.Context;
import io.javalin.http.Cookie;
import io.javalin.http.SameSite;
import io.javalin.http.TooManyRequestsResponse;
import io.javalin.http.UnauthorizedResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.gridlens.geodata.security.AuditLog;
import org.gridlens.geodata.security.CredentialStore;
import org.gridlens.geodata.security.Principal;
import org.gridlens.geodata.security.Role;

/**
 * Browser sign-in: {@code POST /api/login} sets an HttpOnly, SameSite=Strict session cookie and returns
 * the CSRF token the page must echo in {@code X-CSRF-Token}; {@code POST /api/logout}; {@code GET /api/me}.
 * Failed sign-ins are audited and limited to {@value #MAX_FAILURES} per client address and user name per minute.
 */
public final class LoginController {

    static final int MAX_FAILURES = 5;
    private static final Duration SESSION = Duration.ofHours(12);
    private final CredentialStore credentials;
    private final AuditLog audit;
    private final Cache<String, AtomicInteger> failures = Caffeine.newBuilder()
            .maximumSize(100_000).expireAfterWrite(Duration.ofMinutes(1)).build();

    public LoginController(CredentialStore credentials, AuditLog audit) {
        this.credentials = credentials;
        this.audit = audit;
    }

    /** The login request body. */
    record LoginRequest(String username, String password) {
    }

    public void login(Context ctx) throws Exception {
        String client = ctx.ip();
        LoginRequest req;
        try {
            req = ctx.bodyAsClass(LoginRequest.class);
        } catch (RuntimeException e) {
            throw new BadRequestResponse("body must be JSON {\"username\": …, \"password\": …}");
        }
        if (req == null || req.username() == null || req.password() == null
                || req.username().length() > 64 || req.password().length() > 256) {
            throw new BadRequestResponse("body must be JSON {\"username\": …, \"password\": …}");
        }
        AtomicInteger count = failures.get(client + "|" + req.username(), k -> new AtomicInteger());
        if (count.get() >= MAX_FAILURES) {
            ctx.header("Retry-After", "60");
            throw new TooManyRequestsResponse("too many failed sign-ins; wait a minute");
        }
        Optional<Principal> p = credentials.checkPassword(req.username(), req.password());
        if (p.isEmpty()) {
            count.incrementAndGet();
            audit.record(req.username().replaceAll("[^a-z0-9._-]", "?"), "login", null, "failed", client, Map.of());
            throw new UnauthorizedResponse("wrong user name or password");
        }
        CredentialStore.Issued session = credentials.startSession(req.username(), SESSION);
        Principal signedIn = credentials.checkSession(session.secret()).orElseThrow();
        audit.record(req.username(), "login", null, "ok", client, Map.of());
        Cookie cookie = new Cookie(AccessManager.SESSION_COOKIE, session.secret(), "/", (int) SESSION.toSeconds(),
                "https".equals(ctx.scheme()), true, null, SameSite.STRICT);
        ctx.cookie(cookie);
        ctx.json(me(signedIn));
    }

    public void logout(Context ctx) throws Exception {
        String cookie = ctx.cookie(AccessManager.SESSION_COOKIE);
        if (cookie != null && cookie.matches("[A-Za-z0-9_-]{43}")) {
            credentials.endSession(cookie);
        }
        ctx.removeCookie(AccessManager.SESSION_COOKIE, "/");
        ctx.status(204);
    }

    public void me(Context ctx) {
        Principal p = AccessManager.principal(ctx).orElseThrow(() -> new UnauthorizedResponse("not signed in"));
        ctx.json(me(p));
    }

    private static Map<String, Object> me(Principal p) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", p.name());
        m.put("roles", p.roles().stream().map(Role::id).sorted().toList());
        m.put("personLevel", p.personLevel());
        if (p.csrf() != null) {
            m.put("csrf", p.csrf());
        }
        return m;
    }
}
