package org.gridlens.server.testing;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import javax.sql.DataSource;

/** Inserts incidents the way an intake would: the database assigns grid and cell from the point. */
public final class Incidents {

    private Incidents() {
    }

    /** Inserts one incident and returns its id; closedAt and deadline may be null. */
    public static long insert(DataSource ds, String sourceId, String category, OffsetDateTime reportedAt, String status,
                       OffsetDateTime closedAt, OffsetDateTime deadline, double lon, double lat) throws SQLException {
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(
                "INSERT INTO incident(district_code, source, source_id, kind, category_code, reported_at, status,"
                        + " closed_at, deadline, geom) VALUES ('630102', 'hotline', ?, 'event', ?, ?, ?, ?, ?,"
                        + " ST_SetSRID(ST_MakePoint(?, ?), 4326)) RETURNING id")) {
            ps.setString(1, sourceId);
            ps.setString(2, category);
            ps.setObject(3, reportedAt);
            ps.setString(4, status);
            ps.setObject(5, closedAt);
            ps.setObject(6, deadline);
            ps.setDouble(7, lon);
            ps.setDouble(8, lat);
            try (var rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }
}
