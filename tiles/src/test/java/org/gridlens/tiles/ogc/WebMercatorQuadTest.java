package org.gridlens.tiles.ogc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.gridlens.tiles.TileCoord;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Envelope;

class WebMercatorQuadTest {

    @Test
    @SuppressWarnings("unchecked")
    void every_matrix_halves_the_cell_size_and_doubles_the_matrix() {
        List<Map<String, Object>> m = (List<Map<String, Object>>) WebMercatorQuad.definition().get("tileMatrices");
        assertThat(m).hasSize(WebMercatorQuad.MAX_ZOOM + 1);
        for (int z = 1; z < m.size(); z++) {
            assertThat((double) m.get(z - 1).get("cellSize") / (double) m.get(z).get("cellSize")).isEqualTo(2.0);
            assertThat((long) m.get(z).get("matrixWidth")).isEqualTo(1L << z);
            assertThat(m.get(z).get("id")).isEqualTo(m.get(z).get("identifier")).isEqualTo(Integer.toString(z));
            assertThat(m.get(z).get("pointOfOrigin")).isEqualTo(m.get(z).get("topLeftCorner"));
        }
    }

    @Test
    void limits_are_the_rows_and_columns_of_the_tiles_meeting_the_box() {
        Envelope box = new Envelope(101.774, 101.912, 36.525, 36.654);
        List<Map<String, Object>> limits = WebMercatorQuad.limits(box, 8, 16);
        assertThat(limits).hasSize(9);
        for (Map<String, Object> l : limits) {
            int z = Integer.parseInt((String) l.get("tileMatrix"));
            TileCoord nw = TileCoord.containing(z, box.getMinX(), box.getMaxY());
            TileCoord se = TileCoord.containing(z, box.getMaxX(), box.getMinY());
            assertThat(l.get("minTileCol")).isEqualTo(nw.x());
            assertThat(l.get("maxTileCol")).isEqualTo(se.x());
            assertThat(l.get("minTileRow")).isEqualTo(nw.y());
            assertThat(l.get("maxTileRow")).isEqualTo(se.y());
            assertThat((int) l.get("minTileRow")).isLessThanOrEqualTo((int) l.get("maxTileRow"));
        }
    }

    @Test
    void zoom_ranges_outside_the_set_are_refused() {
        Envelope box = new Envelope(0, 1, 0, 1);
        assertThatThrownBy(() -> WebMercatorQuad.limits(box, -1, 3)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> WebMercatorQuad.limits(box, 5, 23)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> WebMercatorQuad.limits(box, 9, 8)).isInstanceOf(IllegalArgumentException.class);
    }
}
