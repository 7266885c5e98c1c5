package org.gridlens.tiles.render;

import java.util.stream.Collectors;
import org.gridlens.tiles.layer.LayerDefinition;
import org.gridlens.tiles.layer.LayerField;

/**
 * The SQL that renders one layer's part of a tile, built once per layer from its definition.
 *
 * <p>The statement takes exactly three bind parameters, z, x and y; nothing from a request is ever
 * spliced into it. Geometry is clipped with a buffer of {@value #BUFFER} units of a {@value #EXTENT}
 * extent so features crossing tile edges continue seamlessly; the bounding-box search uses the same
 * margin so features just outside the tile still contribute their buffer part.
 *
 * @param layer the layer
 * @param sql   the statement, returning one {@code bytea} (possibly empty)
 */
public record TileQuery(LayerDefinition layer, String sql) {

    public static final int EXTENT = 4096;
    public static final int BUFFER = 64;

    public static TileQuery of(LayerDefinition layer) {
        String attributes = layer.fields().stream()
                .map(f -> f.sql() + " AS " + quote(f.name()))
                .collect(Collectors.joining(", "));
        String where = layer.where().isBlank() ? "" : " AND (" + layer.where() + ")";
        String sql = """
                WITH b AS (
                  SELECT ST_TileEnvelope(?, ?, ?) AS env
                ), m AS (
                  SELECT env, ST_Expand(env, (ST_XMax(env) - ST_XMin(env)) * %d / %d.0) AS search FROM b
                )
                SELECT coalesce(ST_AsMVT(t, '%s', %d, 'geom', 'fid'), ''::bytea)
                FROM (
                  SELECT %s AS fid%s,
                         ST_AsMVTGeom(%s, m.env, %d, %d, true) AS geom
                  FROM %s, m
                  WHERE %s && m.search%s
                ) t
                WHERE t.geom IS NOT NULL
                """.formatted(BUFFER, EXTENT, layer.id(), EXTENT,
                layer.idSql(), attributes.isEmpty() ? "" : ", " + attributes,
                layer.geometry3857(), EXTENT, BUFFER,
                layer.from(), layer.geometry3857(), where);
        return new TileQuery(layer, sql);
    }

    private static String quote(String identifier) {
        return '"' + identifier.replace("\"", "\"\"") + '"';
    }
}
