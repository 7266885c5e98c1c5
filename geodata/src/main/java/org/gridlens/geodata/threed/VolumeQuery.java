package org.gridlens.geodata.threed;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.gridlens.geodata.sql.SqlResource;

/**
 * "What intersects this 3D box": buildings (prisms from footprint, base elevation and height) and
 * parcels with a vertical extent (strata, underground). Exact for prisms: 2D intersection of the
 * footprint with the box and overlap of the closed height intervals. Parcels without z_min/z_max have
 * no vertical extent and never match.
 */
public final class VolumeQuery {

    /** One match. */
    public record Hit(String kind, String code, double zMin, double zMax) {
    }

    private static final String SQL = SqlResource.load(VolumeQuery.class, "in_box.sql");
    private final DataSource dataSource;

    public VolumeQuery(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Matches ordered by kind and code, at most {@code limit}. */
    public List<Hit> intersecting(Box3d box, int limit) throws SQLException {
        List<Hit> out = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(SQL)) {
            ps.setDouble(1, box.west());
            ps.setDouble(2, box.south());
            ps.setDouble(3, box.east());
            ps.setDouble(4, box.north());
            ps.setDouble(5, box.zMin());
            ps.setDouble(6, box.zMax());
            ps.setInt(7, limit);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new Hit(rs.getString(1), rs.getString(2), rs.getDouble(3), rs.getDouble(4)));
                }
            }
        }
        return out;
    }
}
