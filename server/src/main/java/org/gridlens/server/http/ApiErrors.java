package org.gridlens.server.http;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.javalin.http.HttpStatus;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Maps every failure to a JSON body, once, for all routes.
 *
 * <ul>
 *   <li>Typed HTTP exceptions thrown by handlers keep their status and message.</li>
 *   <li>A database that cannot be reached (pool timeout, connection refused or lost, server shutting
 *       down) answers 503 with {@code Retry-After}; the request never hangs past the pool's timeout.</li>
 *   <li>A statement cancelled by its request class's statement timeout answers 503 with
 *       {@code Retry-After} too. Both are recognised however deep a library wrapped the SQLException.</li>
 *   <li>Anything else is a 500 whose body carries only an error id; the stack trace and any SQL stay in
 *       the server log under that id.</li>
 * </ul>
 * Messages are plain text inside JSON (escaped by the JSON writer), never HTML.
 */
public final class ApiErrors {

    private static final Logger log = LoggerFactory.getLogger(ApiErrors.class);
    public static final int RETRY_AFTER_SECONDS = 5;

    private ApiErrors() {
    }

    public static void register(RoutesConfig routes) {
        routes.exception(HttpResponseException.class, (e, ctx) -> safely(e, ctx, () -> write(ctx, e.getStatus(), e.getMessage())));
        routes.exception(Exception.class, (e, ctx) -> safely(e, ctx, () -> {
            SQLException sql = sqlCause(e);
            if (sql != null && isUnavailable(sql)) {
                unavailable(ctx, "the database is unavailable; try again shortly");
            } else if (sql != null && isCancelled(sql)) {
                log.warn("statement timeout on {} {}", ctx.method(), ctx.path());
                unavailable(ctx, "the request took too long and was cancelled; try again shortly");
            } else if (malformedJson(e)) {
                write(ctx, 400, "the request body is not acceptable JSON (malformed, too deep, too long, or with unknown fields)");
            } else {
                internal(ctx, e);
            }
        }));
        routes.error(404, ctx -> {
            if (ctx.result() == null || !isJson(ctx)) {
                write(ctx, 404, "no such resource: " + ctx.method() + " " + ctx.path());
            }
        });
        routes.error(405, ctx -> write(ctx, 405, "method not allowed"));
    }

    /**
     * Runs an exception handler that must not throw: an exception escaping it would be handed back to
     * this same handler by Javalin, endlessly (seen when an asynchronous handler — an event stream —
     * finished after the server stopped and its response was already recycled: gigabytes of log in
     * minutes). Whatever fails while answering is logged once and dropped.
     */
    private static void safely(Exception original, Context ctx, Runnable answer) {
        try {
            answer.run();
        } catch (RuntimeException whileAnswering) {
            log.warn("could not answer a failed request ({}; then {}); the response is gone", original.toString(),
                    whileAnswering.toString());
        }
    }

    /** The first SQLException in the cause chain (libraries may wrap it), or null. */
    private static SQLException sqlCause(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql) {
                return sql;
            }
        }
        return null;
    }

    /** True when PostgreSQL cancelled the statement: its statement timeout (or a cancel request) fired. */
    private static boolean isCancelled(SQLException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException s && "57014".equals(s.getSQLState())) {
                return true;
            }
        }
        return false;
    }

    private static boolean malformedJson(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof com.fasterxml.jackson.core.JsonProcessingException) {
                return true;
            }
        }
        return false;
    }

    /** True for failures that mean "the database is not there right now" rather than "the query is wrong". */
    public static boolean isUnavailable(SQLException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLTransientConnectionException) {
                return true;
            }
            if (t instanceof SQLException s && s.getSQLState() != null) {
                String state = s.getSQLState();
                if (state.startsWith("08") || state.equals("57P01") || state.equals("57P02")
                        || state.equals("57P03") || state.equals("53300")) {
                    return true;
                }
            }
        }
        return false;
    }

    public static void unavailable(Context ctx, String message) {
        ctx.header("Retry-After", String.valueOf(RETRY_AFTER_SECONDS));
        write(ctx, 503, message);
    }

    private static void internal(Context ctx, Exception e) {
        String id = UUID.randomUUID().toString().substring(0, 8);
        log.error("error {} on {} {}", id, ctx.method(), ctx.path(), e);
        write(ctx, 500, "internal error " + id + "; the server log has the details");
    }

    private static boolean isJson(Context ctx) {
        String ct = ctx.res().getContentType();
        return ct != null && ct.startsWith("application/json");
    }

    public static void write(Context ctx, int status, String message) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", status);
        body.put("error", HttpStatus.forStatus(status).getMessage());
        body.put("message", message);
        ctx.status(status).json(body);
    }
}
