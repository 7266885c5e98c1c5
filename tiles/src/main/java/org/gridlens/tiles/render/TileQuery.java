package org.gridlens.tiles.render;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.util.List;
import org.gridlens.tiles.TileCoord;
import org.gridlens.tiles.filter.TileFilter;
import org.gridlens.tiles.layer.LayerBand;

/**
 * The SQL that renders one layer band's part of a tile, built once per band at start-up.
 *
 * <p>Every statement starts with the same parameter CTE {@code p} and takes exactly
 * {@value #PARAMETER_COUNT} bind parameters, in this order: z, x, y, from, to, categories, statuses,
 * sources, generalisation level, district maximum (see {@link #bind}). Nothing from a request is ever
 * spliced into SQL. The CTE {@code m} holds the tile envelope {@code env}, the search box {@code search}
 * (the envelope grown by the {@value #BUFFER}-unit buffer of the {@value #EXTENT} extent, so features
 * that only reach into the buffer still contribute and neighbouring tiles meet without seams) and
 * {@code px}, the size of one screen pixel (1/256 of the tile) in metres.
 *
 * <p><b>Features left out are counted, never silently dropped.</b> A band's row whose {@code geom} is
 * NULL is one that {@code ST_AsMVTGeom} left out (nothing remained after clipping to the buffer and
 * snapping to the {@value #EXTENT} grid: collapsed, or invalid once snapped); a band marks a feature it
 * leaves out by its own documented rule (smaller than a pixel at this zoom) with an EMPTY geometry. Neither
 * goes into the tile; the statement returns both counts beside the bytes ({@link RenderedTile}).
 *
 * @param band  the band
 * @param sql   the statement, returning one row: the layer's {@code bytea} (possibly empty) and the
 *              counts of features left out below a pixel and collapsed
 * @param layer the MVT layer name
 */
public record TileQuery(String layer, LayerBand band, String sql) {

    public static final int EXTENT = 4096;
    public static final int BUFFER = 64;
    public static final int PARAMETER_COUNT = 10;

    /** The parameter and envelope CTEs every tile statement and every district-maximum statement starts with. */
    public static final String PROLOGUE = """
            WITH p AS (
              SELECT ?::integer AS z, ?::integer AS x, ?::integer AS y, ?::date AS d_from, ?::date AS d_to,
                     ?::text[] AS cats, ?::text[] AS statuses, ?::text[] AS sources,
                     ?::integer AS level, ?::double precision AS heat_max
            ), m AS (
              SELECT e.env, ST_TileEnvelope(p.z, p.x, p.y, margin => %d / %d.0) AS search,
                     (ST_XMax(e.env) - ST_XMin(e.env)) / 256.0 AS px
              FROM p, LATERAL (SELECT ST_TileEnvelope(p.z, p.x, p.y) AS env) e
            )
            """.formatted(BUFFER, EXTENT);

    public static TileQuery of(String layer, LayerBand band) {
        if (!layer.matches("[a-z][a-z0-9_]{0,30}")) {
            throw new IllegalArgumentException("layer names are identifiers");
        }
        String sql = PROLOGUE + """
                SELECT coalesce(ST_AsMVT(t, '%s', %d, 'geom', 'fid') FILTER (WHERE NOT ST_IsEmpty(t.geom)), ''::bytea),
                       count(*) FILTER (WHERE ST_IsEmpty(t.geom)) AS below_pixel,
                       count(*) FILTER (WHERE t.geom IS NULL) AS collapsed
                FROM (
                %s
                ) t
                """.formatted(layer, EXTENT, band.sql());
        return new TileQuery(layer, band, sql);
    }

    /** The district-maximum statement of a normalised band: the prologue plus the band's {@code maxSql}. */
    public static String maxStatement(LayerBand band) {
        return PROLOGUE + "SELECT * FROM (\n" + band.maxSql() + "\n) x";
    }

    /** Binds the {@value #PARAMETER_COUNT} parameters of {@link #PROLOGUE}. */
    public static void bind(Connection c, PreparedStatement ps, TileCoord tile, TileFilter filter, int level,
                            double districtMax) throws SQLException {
        ps.setInt(1, tile.z());
        ps.setInt(2, tile.x());
        ps.setInt(3, tile.y());
        if (filter.from().isPresent()) {
            ps.setObject(4, filter.from().get());
        } else {
            ps.setNull(4, Types.DATE);
        }
        if (filter.to().isPresent()) {
            ps.setObject(5, filter.to().get());
        } else {
            ps.setNull(5, Types.DATE);
        }
        array(c, ps, 6, filter.categories());
        array(c, ps, 7, filter.statuses());
        array(c, ps, 8, filter.sources());
        ps.setInt(9, level);
        ps.setDouble(10, districtMax);
    }

    private static void array(Connection c, PreparedStatement ps, int i, List<String> values) throws SQLException {
        if (values.isEmpty()) {
            ps.setNull(i, Types.ARRAY);
        } else {
            ps.setArray(i, c.createArrayOf("text", values.toArray()));
        }
    }
}
