package org.gridlens.tiles.layer;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A published vector layer: what its features carry, which SQL renders it at which zoom, and how its
 * cached tiles age.
 *
 * <p>All text here is fixed in code (an allow-list); the tile SQL is built from it once at start-up.
 * The bands partition {@code minZoom..maxZoom} without gaps or overlaps (checked here).
 *
 * @param id             layer name in URLs and in the MVT (lower-case identifier)
 * @param title          human title (Chinese first, as on the wall)
 * @param description    one sentence for catalogs and TileJSON
 * @param geometryType   "polygon", "line" or "point"
 * @param fields         every attribute any band may carry (TileJSON {@code vector_layers.fields})
 * @param minZoom        shallowest zoom served
 * @param maxZoom        deepest zoom served
 * @param bands          the SQL per zoom range
 * @param sourceTables   tables whose changes can alter this layer's tiles (change-feed invalidation)
 * @param influenceMetres how far beyond a changed row's extent the layer's features reach (view
 *                       sectors, service circles, whole grids): invalidation grows the change box by it
 * @param global         true when one change anywhere can alter every tile (district-wide normalisation)
 * @param filtered       true when the time/category/status/source filters apply
 * @param ttl            longest a cached tile lives even without a change notice (a safety net)
 * @param access         who may read the layer
 */
public record LayerDefinition(String id, String title, String description, String geometryType,
                              List<LayerField> fields, int minZoom, int maxZoom, List<LayerBand> bands,
                              Set<String> sourceTables, double influenceMetres, boolean global, boolean filtered,
                              Duration ttl, LayerAccess access) {

    public LayerDefinition {
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(access, "access");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(ttl, "ttl");
        fields = List.copyOf(fields);
        bands = List.copyOf(bands);
        sourceTables = Set.copyOf(sourceTables);
        if (id == null || !id.matches("[a-z][a-z0-9_]{0,30}")) {
            throw new IllegalArgumentException("layer ids are lower-case identifiers, not " + id);
        }
        if (!List.of("polygon", "line", "point").contains(geometryType)) {
            throw new IllegalArgumentException("geometry type must be polygon, line or point");
        }
        if (minZoom < 0 || maxZoom > 22 || minZoom > maxZoom) {
            throw new IllegalArgumentException("zoom range " + minZoom + ".." + maxZoom + " is not within 0..22");
        }
        int next = minZoom;
        for (LayerBand b : bands) {
            if (b.minZoom() != next) {
                throw new IllegalArgumentException("layer " + id + ": bands must cover " + minZoom + ".." + maxZoom
                        + " in order without gaps; expected a band from z" + next);
            }
            next = b.maxZoom() + 1;
        }
        if (next != maxZoom + 1) {
            throw new IllegalArgumentException("layer " + id + ": bands end at z" + (next - 1) + ", not z" + maxZoom);
        }
        if (influenceMetres < 0 || ttl.isNegative() || ttl.isZero()) {
            throw new IllegalArgumentException("layer " + id + ": influence and ttl must be positive");
        }
    }

    /** A layer for signed-in readers ({@link LayerAccess#READERS}), the default for operational layers. */
    public LayerDefinition(String id, String title, String description, String geometryType,
                           List<LayerField> fields, int minZoom, int maxZoom, List<LayerBand> bands,
                           Set<String> sourceTables, double influenceMetres, boolean global, boolean filtered,
                           Duration ttl) {
        this(id, title, description, geometryType, fields, minZoom, maxZoom, bands, sourceTables, influenceMetres,
                global, filtered, ttl, LayerAccess.READERS);
    }

    /** The same layer with another access level. */
    public LayerDefinition withAccess(LayerAccess level) {
        return new LayerDefinition(id, title, description, geometryType, fields, minZoom, maxZoom, bands, sourceTables,
                influenceMetres, global, filtered, ttl, level);
    }

    /** The band serving zoom {@code z}, empty outside the layer's zoom range. */
    public Optional<LayerBand> band(int z) {
        for (LayerBand b : bands) {
            if (b.covers(z)) {
                return Optional.of(b);
            }
        }
        return Optional.empty();
    }
}
