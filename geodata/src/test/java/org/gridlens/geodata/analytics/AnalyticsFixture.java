package org.gridlens.geodata.analytics;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import javax.sql.DataSource;
import org.gridlens.geodata.testing.RegionFixture;

/**
 * The {@link RegionFixture} district plus its 100 m unit cells (laid in EPSG:4543 over the square) and
 * helpers to insert incidents at metric offsets from the square's south-west corner.
 */
public final class AnalyticsFixture {

    private AnalyticsFixture() {
    }

    /** Inserts regions and unit cells; returns the number of cells. */
    public static int insert(DataSource ds) throws SQLException {
        RegionFixture.insert(ds);
        try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
            return s.executeUpdate("""
                    INSERT INTO unit_cell (id, code, district_code, col, row, size_m, geom)
                    SELECT row_number() OVER (ORDER BY r, k), 'U' || k || '_' || r, '630102', k, r, 100,
                           ST_Transform(ST_MakeEnvelope(x0 + k * 100, y0 + r * 100, x0 + (k + 1) * 100, y0 + (r + 1) * 100, 4543), 4326)
                    FROM (SELECT ceil(ST_XMin(e)) x0, ceil(ST_YMin(e)) y0 FROM
                          (SELECT ST_Transform(ST_MakeEnvelope(101.80, 36.60, 101.82, 36.62, 4326), 4543) e) q) o,
                         generate_series(0, 16) k, generate_series(0, 20) r
                    """);
        }
    }

    /**
     * Inserts one incident {@code dx, dy} metres from the fixture's south-west corner (plus 150 m inset),
     * reported at local time {@code at}; returns its id.
     */
    public static long incident(DataSource ds, double dx, double dy, String category, String source, LocalDateTime at,
                                String status) throws SQLException {
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement("""
                INSERT INTO incident (district_code, source, source_id, kind, category_code, reported_at, status, geom)
                SELECT '630102', ?, gen_random_uuid()::text, 'event', ?, ?, ?,
                       ST_Transform(ST_Translate(ST_Transform(ST_SetSRID(ST_MakePoint(101.80, 36.60), 4326), 4543), 150 + ?, 150 + ?), 4326)
                RETURNING id
                """)) {
            ps.setString(1, source);
            ps.setString(2, category);
            ps.setObject(3, at.atOffset(ZoneOffset.ofHours(8)));
            ps.setString(4, status);
            ps.setDouble(5, dx);
            ps.setDouble(6, dy);
            try (var rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }
}
