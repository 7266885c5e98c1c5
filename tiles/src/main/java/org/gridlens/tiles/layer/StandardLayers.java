package org.gridlens.tiles.layer;

import java.util.List;

/** Definitions of the layers GridLens publishes out of the box. */
final class StandardLayers {

    private StandardLayers() {
    }

    static final LayerDefinition GRID = new LayerDefinition(
            "grid", "管理网格 Management grids",
            "Management grids (网格), the smallest administrative unit of grid management, with code and name.",
            "region s", "s.level = 'grid'", "s.geom_3857", "s.id", "polygon",
            List.of(new LayerField("code", "s.code", "string", "Grid code: district(6) + subdistrict(3) + community(3) + sequence(3)"),
                    new LayerField("name", "s.name", "string", "Grid name"),
                    new LayerField("community", "s.parent_code", "string", "Code of the community the grid belongs to")),
            8, 22);

    static List<LayerDefinition> all() {
        return List.of(GRID);
    }
}
