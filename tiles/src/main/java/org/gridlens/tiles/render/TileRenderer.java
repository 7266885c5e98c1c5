package org.gridlens.tiles.render;

import java.io.ByteArrayOutputStream;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;
import org.gridlens.tiles.layer.LayerBand;
import org.gridlens.tiles.layer.LayerCatalog;
import org.gridlens.tiles.layer.LayerDefinition;
import org.postgresql.PGStatement;

/**
 * Renders Mapbox Vector Tiles in PostGIS.
 *
 * <p>Each band's SQL is built once at construction ({@link TileQuery}); a composite tile is the
 * concatenation of its layers' tiles, which is itself a valid MVT (a tile is a sequence of layers).
 * A layer whose zoom range excludes the tile contributes nothing. All statements of one tile run in
 * one read-only transaction under {@code SET LOCAL statement_timeout}, so a slow tile is cancelled by
 * the database instead of holding a pooled connection.
 *
 * <p>Planning is paid once per band and pooled connection, not per tile: every tile statement is a
 * server-side prepared statement from its first use ({@link PGStatement#setPrepareThreshold}), kept in
 * the driver's per-connection statement cache, and runs under {@code SET LOCAL plan_cache_mode =
 * force_generic_plan}. A custom plan would gain nothing here (the parameters all sit in the CTE
 * {@code p}, so the planner cannot use their values either) but costs 10-40 ms of planning for the
 * larger statements, more than executing them.
 */
public final class TileRenderer {

    public static final int MAX_LEVEL = 3;

    private final DataSource dataSource;
    private final Map<LayerBand, TileQuery> queries = new HashMap<>();
    private final DistrictMaximum maxima = new DistrictMaximum();
    private final Duration statementTimeout;

    public TileRenderer(DataSource dataSource, LayerCatalog catalog, Duration statementTimeout) {
        this.dataSource = dataSource;
        this.statementTimeout = statementTimeout;
        for (LayerDefinition d : catalog.all()) {
            for (LayerBand b : d.bands()) {
                queries.put(b, TileQuery.of(d.id(), b));
            }
        }
    }

    public DistrictMaximum maxima() {
        return maxima;
    }

    /**
     * Renders a tile at generalisation {@code level} (0 = full detail; each level roughly halves detail:
     * simplification tolerance, minimum polygon area, aggregation size).
     *
     * @throws SQLException when the database fails, is unreachable or cancels the statement (timeout)
     */
    public byte[] render(TileRequest request, int level) throws SQLException {
        if (level < 0 || level > MAX_LEVEL) {
            throw new IllegalArgumentException("generalisation level must be 0.." + MAX_LEVEL);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                try (PreparedStatement ps = c.prepareStatement(
                        "SELECT set_config('statement_timeout', ?, true), set_config('plan_cache_mode', 'force_generic_plan', true)")) {
                    ps.setString(1, statementTimeout.toMillis() + "ms");
                    ps.execute();
                }
                for (LayerDefinition layer : request.layers()) {
                    Optional<LayerBand> band = layer.band(request.tile().z());
                    if (band.isEmpty()) {
                        continue;
                    }
                    TileQuery q = queries.get(band.get());
                    if (q == null) {
                        throw new IllegalArgumentException("layer " + layer.id() + " is not in this renderer's catalog");
                    }
                    double max = band.get().normalised()
                            ? maxima.of(c, band.get(), request.tile(), request.filter(), level) : 0;
                    try (PreparedStatement ps = c.prepareStatement(q.sql())) {
                        ps.unwrap(PGStatement.class).setPrepareThreshold(1);
                        TileQuery.bind(c, ps, request.tile(), request.filter(), level, max);
                        try (ResultSet rs = ps.executeQuery()) {
                            if (rs.next()) {
                                byte[] b = rs.getBytes(1);
                                if (b != null) {
                                    out.writeBytes(b);
                                }
                            }
                        }
                    }
                }
                c.commit();
            } catch (SQLException | RuntimeException e) {
                try {
                    c.rollback();
                } catch (SQLException ignored) {
                    // the connection is broken; the pool discards it
                }
                throw e;
            }
        }
        return out.toByteArray();
    }
}
