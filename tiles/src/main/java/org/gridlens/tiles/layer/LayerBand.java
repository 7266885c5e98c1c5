package org.gridlens.tiles.layer;

import java.util.Map;
import org.gridlens.geodata.sql.SqlResource;

/**
 * The SQL a layer uses over one zoom range: its attribute set and its generalisation.
 *
 * <p>The SQL is a SELECT that yields {@code fid} (the stable integer feature id), {@code geom} (already
 * through {@code ST_AsMVTGeom}) and the attributes; it reads the request only through the CTEs
 * {@code p} (bound parameters) and {@code m} (tile envelope, search box with buffer, pixel size) that
 * {@link org.gridlens.tiles.render.TileQuery} puts around it. Template variables ({@code {{name}}}) are
 * filled from code constants at start-up, never from a request.
 *
 * @param minZoom shallowest zoom of the band
 * @param maxZoom deepest zoom of the band
 * @param name    the resource the SQL came from (for logs and errors)
 * @param sql     the SELECT
 * @param maxSql  for layers normalised over the whole district: a SELECT of one number, the largest
 *                value any feature of the district takes at this zoom under the same parameters (bound
 *                into the tile SQL as {@code p.heat_max}); "" for none
 */
public record LayerBand(int minZoom, int maxZoom, String name, String sql, String maxSql) {

    public LayerBand {
        if (minZoom < 0 || maxZoom > 22 || minZoom > maxZoom) {
            throw new IllegalArgumentException("band zoom range " + minZoom + ".." + maxZoom + " is not within 0..22");
        }
        if (sql == null || sql.contains("{{") || maxSql == null || maxSql.contains("{{")) {
            throw new IllegalArgumentException("band " + name + " has an unfilled template variable");
        }
    }

    /**
     * Loads {@code resource} beside {@link LayerBand}, filling the shared fragments ({@code {{square_bins}}},
     * {@code {{cell_counts}}}, {@code {{square_counts}}}, and their {@code {{count_window}}}) and {@code vars}.
     */
    public static LayerBand of(int minZoom, int maxZoom, String resource, Map<String, String> vars) {
        String sql = SqlResource.load(LayerBand.class, resource);
        return new LayerBand(minZoom, maxZoom, resource, fill(sql, vars), "");
    }

    /** Like {@link #of} for a district-normalised band whose maximum comes from {@code maxResource}. */
    public static LayerBand normalised(int minZoom, int maxZoom, String resource, String maxResource) {
        return new LayerBand(minZoom, maxZoom, resource, fill(SqlResource.load(LayerBand.class, resource), Map.of()),
                fill(SqlResource.load(LayerBand.class, maxResource), Map.of()));
    }

    public boolean normalised() {
        return !maxSql.isEmpty();
    }

    /** Fills the shared fragments and the given variables (identifier-like values only) into {@code sql}. */
    public static String fill(String sql, Map<String, String> vars) {
        String out = sql.replace("{{square_bins}}", SqlResource.load(LayerBand.class, "square_bins.sql"))
                .replace("{{cell_counts}}", SqlResource.load(LayerBand.class, "cell_counts.sql"))
                .replace("{{square_counts}}", SqlResource.load(LayerBand.class, "square_counts.sql"))
                .replace("{{count_window}}", SqlResource.load(LayerBand.class, "count_window.sql"));
        for (Map.Entry<String, String> v : vars.entrySet()) {
            if (!v.getValue().matches("[a-z][a-z0-9_]{0,30}")) {
                throw new IllegalArgumentException("template values are identifiers, not " + v.getValue());
            }
            out = out.replace("{{" + v.getKey() + "}}", v.getValue());
        }
        return out;
    }

    public boolean covers(int z) {
        return z >= minZoom && z <= maxZoom;
    }
}
