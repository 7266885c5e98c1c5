package org.gridlens.tiles.render;

import java.io.ByteArrayOutputStream;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;
import org.gridlens.geodata.db.Database;
import org.gridlens.geodata.db.ReadPoolSettings;
import org.gridlens.tiles.layer.LayerBand;
import org.gridlens.tiles.layer.LayerCatalog;
import org.gridlens.tiles.layer.LayerDefinition;
import org.postgresql.PGStatement;

/**
 * Renders Mapbox Vector Tiles in PostGIS.
 *
 * <p>Each band's SQL is built once at construction ({@link TileQuery}); a composite tile is the
 * concatenation of its layers' tiles, which is itself a valid MVT (a tile is a sequence of layers).
 * A layer whose zoom range excludes the tile contributes nothing.
 *
 * <p><b>One round trip per layer.</b> The renderer takes its connections from a pool whose sessions
 * already carry the tile settings ({@link #poolSettings}: read-only, the tiles' statement timeout,
 * {@code plan_cache_mode = force_generic_plan}), so each layer of a tile is one execution of a prepared
 * statement in autocommit: no {@code BEGIN}, {@code SET LOCAL} or {@code COMMIT} around it. A slow tile is
 * still cancelled by the database (the session's statement timeout) instead of holding a connection.
 * Statements of a composite tile each see their own snapshot, as they did in a READ COMMITTED transaction.
 *
 * <p>Planning is paid once per band and pooled connection, not per tile: every tile statement is a
 * server-side prepared statement from its first use ({@link PGStatement#setPrepareThreshold}), kept in
 * the driver's per-connection statement cache, and runs under the generic plan. A custom plan would gain
 * nothing here (the parameters all sit in the CTE {@code p}, so the planner cannot use their values
 * either) but costs 10-40 ms of planning for the larger statements, more than executing them.
 *
 * <p>Limit: given connections without those session settings (e.g. the shared read pool), tiles are still
 * right but run under that pool's timeout and pay planning per tile; use {@link #poolSettings}.
 */
public final class TileRenderer {

    public static final int MAX_LEVEL = 3;
    /** Session settings of the tile pool beside its statement timeout. */
    public static final Map<String, String> SESSION_SETTINGS = Map.of("plan_cache_mode", "force_generic_plan");

    private final DataSource dataSource;
    private final Map<LayerBand, TileQuery> queries = new HashMap<>();
    private final DistrictMaximum maxima = new DistrictMaximum();

    /**
     * @param tilePool connections configured by {@link #poolSettings} (see the class comment)
     * @param catalog  the layers this renderer serves
     */
    public TileRenderer(DataSource tilePool, LayerCatalog catalog) {
        this.dataSource = tilePool;
        for (LayerDefinition d : catalog.all()) {
            for (LayerBand b : d.bands()) {
                queries.put(b, TileQuery.of(d.id(), b));
            }
        }
    }

    /**
     * The pool a renderer wants ({@link org.gridlens.geodata.db.Database#readOnlyPool}): {@code maxConnections}
     * at most (as many as tiles may render at once), each statement limited to {@code statementTimeout}.
     */
    public static ReadPoolSettings poolSettings(Duration statementTimeout, int maxConnections) {
        return new ReadPoolSettings("gridlens-tiles", maxConnections, statementTimeout, SESSION_SETTINGS);
    }

    /** A renderer over a new tile pool of {@code db} (closed with it); for tests and tools. */
    public static TileRenderer over(Database db, LayerCatalog catalog, Duration statementTimeout, int maxConnections) {
        return new TileRenderer(db.readOnlyPool(poolSettings(statementTimeout, maxConnections)), catalog);
    }

    public DistrictMaximum maxima() {
        return maxima;
    }

    /**
     * Renders a tile at generalisation {@code level} (0 = full detail; each level roughly halves detail:
     * simplification tolerance, minimum polygon area, aggregation size), with the count of features each
     * layer left out and why ({@link TileQuery}).
     *
     * @throws SQLException when the database fails, is unreachable or cancels the statement (timeout)
     */
    public RenderedTile render(TileRequest request, int level) throws SQLException {
        if (level < 0 || level > MAX_LEVEL) {
            throw new IllegalArgumentException("generalisation level must be 0.." + MAX_LEVEL);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        List<RenderedTile.LeftOut> leftOut = new ArrayList<>();
        try (Connection c = dataSource.getConnection()) {
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
                            long belowPixel = rs.getLong(2);
                            long collapsed = rs.getLong(3);
                            if (belowPixel + collapsed > 0) {
                                leftOut.add(new RenderedTile.LeftOut(q.layer(), belowPixel, collapsed));
                            }
                        }
                    }
                }
            }
        }
        return new RenderedTile(out.toByteArray(), leftOut);
    }
}
