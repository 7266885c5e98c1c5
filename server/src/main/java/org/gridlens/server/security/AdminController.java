package org.gridlens.server.security;

import io.javalin.http.BadRequestResponse;
import io.javalin.http.Context;
import io.javalin.http.NotFoundResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Map;
import org.gridlens.geodata.security.AuditLog;
import org.gridlens.geodata.security.CredentialStore;
import org.gridlens.geodata.security.Principal;
import org.gridlens.geodata.security.Role;

/** Admin routes: read the audit trail, issue and revoke API tokens. */
public final class AdminController {

    private final CredentialStore credentials;
    private final AuditLog audit;
    private final AccessManager access;

    public AdminController(CredentialStore credentials, AuditLog audit, AccessManager access) {
        this.credentials = credentials;
        this.audit = audit;
        this.access = access;
    }

    /** {@code GET /api/admin/audit?actor=&action=&from=&to=&limit=}. */
    public void auditTrail(Context ctx) throws Exception {
        Instant from = instant(ctx.queryParam("from"), Instant.EPOCH);
        Instant to = instant(ctx.queryParam("to"), Instant.now().plusSeconds(1));
        String limitParam = ctx.queryParam("limit");
        int limit = 100;
        if (limitParam != null) {
            if (!limitParam.matches("\\d{1,4}") || Integer.parseInt(limitParam) < 1 || Integer.parseInt(limitParam) > 1000) {
                throw new BadRequestResponse("limit must be 1..1000");
            }
            limit = Integer.parseInt(limitParam);
        }
        String actor = bounded(ctx.queryParam("actor"), "actor");
        String action = bounded(ctx.queryParam("action"), "action");
        ctx.json(Map.of("entries", audit.query(actor, action, from, to, limit)));
    }

    /** The token-issuing request body. */
    record TokenRequest(String name, String roles, Integer days) {
    }

    /** {@code POST /api/admin/tokens {name, roles: "wall", days: 365}} → the token, shown once. */
    public void issueToken(Context ctx) throws Exception {
        TokenRequest req;
        try {
            req = ctx.bodyAsClass(TokenRequest.class);
        } catch (RuntimeException e) {
            throw new BadRequestResponse("body must be JSON {\"name\":…, \"roles\":\"wall,…\", \"days\":…}");
        }
        if (req == null || req.name() == null || !req.name().matches("[A-Za-z0-9._-]{1,64}") || req.roles() == null) {
            throw new BadRequestResponse("name (letters, digits, . _ -) and roles are required");
        }
        int days = req.days() == null ? 365 : req.days();
        if (days < 1 || days > 3650) {
            throw new BadRequestResponse("days must be 1..3650");
        }
        java.util.Set<Role> roles;
        try {
            roles = Role.parseList(req.roles());
        } catch (IllegalArgumentException e) {
            throw new BadRequestResponse(e.getMessage());
        }
        Principal admin = AccessManager.principal(ctx).orElseThrow();
        CredentialStore.Issued t = credentials.issueToken(req.name(), roles, Duration.ofDays(days), admin.name());
        audit.record(admin.name(), "token.issue", "token:" + t.id(), "ok", ctx.ip(), Map.of("name", req.name(), "roles", req.roles()));
        ctx.status(201).json(Map.of("id", t.id(), "token", t.secret(), "expiresInDays", days));
    }

    /** {@code DELETE /api/admin/tokens/{id}}. */
    public void revokeToken(Context ctx) throws Exception {
        String idParam = ctx.pathParam("id");
        if (!idParam.matches("\\d{1,9}")) {
            throw new BadRequestResponse("token id must be a number");
        }
        Principal admin = AccessManager.principal(ctx).orElseThrow();
        if (!credentials.revokeToken(Integer.parseInt(idParam))) {
            throw new NotFoundResponse("no live token with that id");
        }
        access.forgetTokens();
        audit.record(admin.name(), "token.revoke", "token:" + idParam, "ok", ctx.ip(), Map.of());
        ctx.status(204);
    }

    private static Instant instant(String s, Instant dflt) {
        if (s == null) {
            return dflt;
        }
        try {
            return Instant.parse(s);
        } catch (DateTimeParseException e) {
            throw new BadRequestResponse("times are ISO-8601 instants such as 2026-11-01T00:00:00Z");
        }
    }

    private static String bounded(String s, String name) {
        if (s != null && s.length() > 100) {
            throw new BadRequestResponse(name + " is too long");
        }
        return s;
    }
}
