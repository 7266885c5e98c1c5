package org.gridlens.tiles.layer;

import java.util.Objects;

/**
 * One attribute of a layer's features.
 *
 * @param name        attribute name in the tile (lower-case identifier)
 * @param sql         SQL expression over the layer's source alias {@code s}; fixed in code, never from a request
 * @param type        "string", "number" or "boolean" (as TileJSON/MVT readers see it)
 * @param description what it means, for TileJSON {@code vector_layers.fields}
 */
public record LayerField(String name, String sql, String type, String description) {
    public LayerField {
        Objects.requireNonNull(sql, "sql");
        Objects.requireNonNull(description, "description");
        if (name == null || !name.matches("[a-z][a-z0-9_]{0,40}")) {
            throw new IllegalArgumentException("field names are lower-case identifiers, not " + name);
        }
        if (!type.equals("string") && !type.equals("number") && !type.equals("boolean")) {
            throw new IllegalArgumentException("field type must be string, number or boolean, not " + type);
        }
    }
}
