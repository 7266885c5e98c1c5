package org.gridlens.tiles.layer;

import java.util.List;
import java.util.Objects;

/**
 * A published vector layer: where its features come from and what they carry.
 *
 * <p>All text here is fixed in code (an allow-list); the tile SQL is built from it once at start-up.
 *
 * @param id           layer name in URLs and in the MVT (lower-case identifier)
 * @param title        human title (Chinese first, as on the wall)
 * @param description  one sentence for catalogs and TileJSON
 * @param from         SQL FROM item for the source, aliased {@code s} (e.g. {@code region s})
 * @param where        fixed SQL condition over {@code s}, or "" for none
 * @param geometry3857 SQL expression of the EPSG:3857 geometry over {@code s} (indexed)
 * @param idSql        SQL expression of the stable integer feature id over {@code s}
 * @param geometryType "polygon", "line" or "point"
 * @param fields       attributes, in tile order
 * @param minZoom      shallowest zoom served
 * @param maxZoom      deepest zoom served
 */
public record LayerDefinition(String id, String title, String description, String from, String where,
                              String geometry3857, String idSql, String geometryType, List<LayerField> fields,
                              int minZoom, int maxZoom) {

    public LayerDefinition {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(where, "where");
        Objects.requireNonNull(geometry3857, "geometry3857");
        Objects.requireNonNull(idSql, "idSql");
        fields = List.copyOf(fields);
        if (id == null || !id.matches("[a-z][a-z0-9_]{0,30}")) {
            throw new IllegalArgumentException("layer ids are lower-case identifiers, not " + id);
        }
        if (!List.of("polygon", "line", "point").contains(geometryType)) {
            throw new IllegalArgumentException("geometry type must be polygon, line or point");
        }
        if (minZoom < 0 || maxZoom > 22 || minZoom > maxZoom) {
            throw new IllegalArgumentException("zoom range " + minZoom + ".." + maxZoom + " is not within 0..22");
        }
    }
}
