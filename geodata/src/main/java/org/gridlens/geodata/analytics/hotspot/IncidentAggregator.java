package org.gridlens.geodata.analytics.hotspot;

import java.sql.Array;
import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import javax.sql.DataSource;
import org.gridlens.geodata.analytics.IncidentFilter;
import org.gridlens.geodata.analytics.TimeWindow;
import org.gridlens.geodata.sql.SqlResource;

/**
 * Counts incidents per feature in PostGIS for a window and filter. Unit cells without a source filter
 * read the incident_daily pre-aggregation (cell × local day × category); everything else reads the
 * incident table. Every feature of the level is returned, those without incidents with count 0 (Gi*
 * needs the zeros). Hexagons are laid by ST_HexagonGrid over the district in EPSG:4543 and kept where
 * they touch it; a point exactly on a shared hexagon edge counts in both (a measure-zero case).
 */
public final class IncidentAggregator {

    /** Smallest and largest hexagon edge length accepted, metres. */
    public static final double MIN_HEX_M = 50;
    public static final double MAX_HEX_M = 5000;

    private static final String CELLS_DAILY = SqlResource.load(IncidentAggregator.class, "aggregate_cells_daily.sql");
    private static final String CELLS = SqlResource.load(IncidentAggregator.class, "aggregate_cells.sql");
    private static final String HEXAGONS = SqlResource.load(IncidentAggregator.class, "aggregate_hexagons.sql");
    private static final String GRIDS = SqlResource.load(IncidentAggregator.class, "aggregate_grids.sql");

    private final DataSource dataSource;

    public IncidentAggregator(DataSource dataSource) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
    }

    /** The features of {@code level} with their counts; {@code hexSizeM} is used for hexagons only. */
    public List<AggregatedFeature> aggregate(AggregationLevel level, double hexSizeM, TimeWindow window, IncidentFilter filter) {
        if (level == AggregationLevel.HEXAGON && !(hexSizeM >= MIN_HEX_M && hexSizeM <= MAX_HEX_M)) {
            throw new IllegalArgumentException("hexagon size must be between " + (int) MIN_HEX_M + " and " + (int) MAX_HEX_M + " m");
        }
        String sql = switch (level) {
            case CELL -> filter.sources().isEmpty() ? CELLS_DAILY : CELLS;
            case HEXAGON -> HEXAGONS;
            case GRID -> GRIDS;
        };
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            int i = 1;
            if (level == AggregationLevel.HEXAGON) {
                ps.setDouble(i++, hexSizeM);
            }
            ps.setDate(i++, Date.valueOf(window.from()));
            ps.setDate(i++, Date.valueOf(window.to()));
            Array categories = c.createArrayOf("text", filter.categoryPatterns());
            ps.setArray(i++, categories);
            ps.setArray(i++, categories);
            if (sql != CELLS_DAILY) {
                Array sources = c.createArrayOf("text", filter.sourceArray());
                ps.setArray(i++, sources);
                ps.setArray(i, sources);
            }
            List<AggregatedFeature> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new AggregatedFeature(rs.getString(1), rs.getDouble(2), rs.getDouble(3), rs.getLong(4), rs.getString(5)));
                }
            }
            return out;
        } catch (SQLException e) {
            throw new IllegalStateException("incident aggregation failed: " + e.getMessage(), e);
        }
    }
}
