package org.gridlens.server.layers;

import io.javalin.http.Context;

/** The absolute base URL clients reach this server at, for TileJSON and catalog links. */
public final class BaseUrl {

    private BaseUrl() {
    }

    public static String of(Context ctx) {
        String configured = ctx.appData(org.gridlens.server.GridLensApp.PUBLIC_URL);
        if (configured != null && !configured.isEmpty()) {
            return configured;
        }
        String scheme = ctx.scheme();
        String host = ctx.host();
        if (host == null || !host.matches("[A-Za-z0-9.\\-\\[\\]:]{1,255}")) {
            host = "localhost";
        }
        return scheme + "://" + host;
    }
}
