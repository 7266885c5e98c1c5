package org.gridlens.geodata.analytics.camera;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import javax.sql.DataSource;
import org.gridlens.geodata.sql.SqlResource;

/**
 * Camera coverage per management grid, in one PostGIS query ({@code camera_coverage.sql}): the share of
 * each grid's area, and of its road length where roads are recorded, inside the union of camera view
 * sectors, and the blind rest of the grid.
 *
 * <p>Guarantees: a sector is exactly the polygon the {@code camera_sector} tile layer draws (the stored
 * {@code camera.sector}); overlapping sectors count once; shares lie in 0..1; a grid without road length
 * reports a null road share, never 0/0. Limits: a sector is the camera's nominal field of view —
 * buildings and terrain that block the view are not modelled, so shares are upper bounds.
 */
public final class CameraCoverageCalculator {

    private static final String SQL = SqlResource.load(CameraCoverageCalculator.class, "camera_coverage.sql");

    private final DataSource dataSource;

    public CameraCoverageCalculator(DataSource dataSource) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
    }

    /** Refuses anything but a (possibly empty) run of up to 15 digits: region codes are digits. */
    public static String checkPrefix(String gridPrefix) {
        if (gridPrefix == null || !gridPrefix.matches("\\d{0,15}")) {
            throw new IllegalArgumentException("a grid code prefix is 0 to 15 digits");
        }
        return gridPrefix;
    }

    /** Coverage of every grid whose code starts with {@code gridPrefix} ("" for all), worst first. */
    public CameraCoverageReport compute(String gridPrefix) {
        String prefix = checkPrefix(gridPrefix);
        List<GridCameraCoverage> grids = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT grid_code, grid_name, cameras, area_m2, seen_m2, road_m, road_seen_m"
                     + " FROM (" + SQL + ") x")) {
            ps.setString(1, prefix);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    grids.add(GridCameraCoverage.of(rs.getString(1), rs.getString(2), rs.getInt(3), rs.getDouble(4), rs.getDouble(5),
                            rs.getDouble(6), rs.getDouble(7)));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("camera coverage query failed: " + e.getMessage(), e);
        }
        grids.sort(Comparator.comparing((GridCameraCoverage g) -> g.areaShare() == null ? 2.0 : g.areaShare())
                .thenComparing(GridCameraCoverage::gridCode));
        double area = grids.stream().mapToDouble(GridCameraCoverage::areaM2).sum();
        double seen = grids.stream().mapToDouble(GridCameraCoverage::seenM2).sum();
        double road = grids.stream().mapToDouble(GridCameraCoverage::roadM).sum();
        double roadSeen = grids.stream().mapToDouble(GridCameraCoverage::roadSeenM).sum();
        return new CameraCoverageReport(road > 0, area, seen, area > 0 ? Math.min(1, seen / area) : null, road, roadSeen,
                road > 0 ? Math.min(1, roadSeen / road) : null, grids);
    }

    /** The blind part of every grid whose code starts with {@code gridPrefix}, largest first; fully seen grids are absent. */
    public List<BlindSpot> blindSpots(String gridPrefix) {
        String prefix = checkPrefix(gridPrefix);
        List<BlindSpot> out = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT grid_code, area_m2 - seen_m2, ST_AsGeoJSON(blind, 7)"
                     + " FROM (" + SQL + ") x WHERE blind IS NOT NULL ORDER BY 2 DESC, 1")) {
            ps.setString(1, prefix);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new BlindSpot(rs.getString(1), Math.max(0, rs.getDouble(2)), rs.getString(3)));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("blind spot query failed: " + e.getMessage(), e);
        }
        return out;
    }

    /** Replaces the rows of {@code analytic_camera_grid} inside the caller's transaction on {@code c}; returns the grid count. */
    public int materialise(Connection c) throws SQLException {
        try (PreparedStatement del = c.prepareStatement("DELETE FROM analytic_camera_grid")) {
            del.executeUpdate();
        }
        try (PreparedStatement ps = c.prepareStatement("""
                INSERT INTO analytic_camera_grid (grid_code, cameras, area_m2, seen_m2, area_share, road_m, road_seen_m, road_share, blind)
                SELECT grid_code, cameras, area_m2, least(seen_m2, area_m2),
                       CASE WHEN area_m2 > 0 THEN least(1, seen_m2 / area_m2) END, road_m, least(road_seen_m, road_m),
                       CASE WHEN road_m > 0 THEN least(1, road_seen_m / road_m) END, blind
                FROM (""" + SQL + ") x")) {
            ps.setString(1, "");
            return ps.executeUpdate();
        }
    }
}
