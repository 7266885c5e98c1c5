package org.gridlens.server.security;

import io.javalin.http.Context;

/**
 * Headers on every response: a CSP that the ECharts pages satisfy without inline scripts or styles
 * (ECharts sets styles through the CSSOM, which CSP allows), no MIME sniffing, no framing, no referrer.
 */
public final class SecurityHeaders {

    static final String CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; "
            + "connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; "
            + "frame-ancestors 'none'";

    /** Every header, in order (also written by the cached-tile fast path, which bypasses Javalin). */
    public static final java.util.Map<String, String> ALL;

    static {
        java.util.Map<String, String> m = new java.util.LinkedHashMap<>();
        m.put("Content-Security-Policy", CSP);
        m.put("X-Content-Type-Options", "nosniff");
        m.put("X-Frame-Options", "DENY");
        m.put("Referrer-Policy", "no-referrer");
        m.put("Cross-Origin-Opener-Policy", "same-origin");
        ALL = java.util.Collections.unmodifiableMap(m);
    }

    private SecurityHeaders() {
    }

    public static void apply(Context ctx) {
        ALL.forEach(ctx::header);
    }
}
