package org.gridlens.tiles.render;

import java.io.ByteArrayOutputStream;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.gridlens.tiles.TileCoord;
import org.gridlens.tiles.layer.LayerCatalog;
import org.gridlens.tiles.layer.LayerDefinition;

/**
 * Renders Mapbox Vector Tiles in PostGIS.
 *
 * <p>Each layer's SQL is prepared once at construction ({@link TileQuery}); a composite tile is the
 * concatenation of its layers' tiles, which is itself a valid MVT (a tile is a sequence of layers).
 * A layer whose zoom range excludes the tile contributes nothing. Coordinates are bound, never spliced.
 */
public final class TileRenderer {

    private final DataSource dataSource;
    private final Map<String, TileQuery> queries = new LinkedHashMap<>();

    public TileRenderer(DataSource dataSource, LayerCatalog catalog) {
        this.dataSource = dataSource;
        for (LayerDefinition d : catalog.all()) {
            queries.put(d.id(), TileQuery.of(d));
        }
    }

    /**
     * Renders the named layers (already checked against the catalog) for one tile.
     *
     * @throws IllegalArgumentException when a layer is unknown
     * @throws SQLException             when the database fails or is unreachable
     */
    public byte[] render(List<LayerDefinition> layers, TileCoord tile) throws SQLException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (Connection c = dataSource.getConnection()) {
            for (LayerDefinition layer : layers) {
                if (tile.z() < layer.minZoom() || tile.z() > layer.maxZoom()) {
                    continue;
                }
                TileQuery q = queries.get(layer.id());
                if (q == null) {
                    throw new IllegalArgumentException("layer " + layer.id() + " is not in this renderer's catalog");
                }
                try (PreparedStatement ps = c.prepareStatement(q.sql())) {
                    ps.setInt(1, tile.z());
                    ps.setInt(2, tile.x());
                    ps.setInt(3, tile.y());
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
        }
        return out.toByteArray();
    }
}
