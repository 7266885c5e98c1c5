package org.gridlens.geodata.demo;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import javax.sql.DataSource;

/**
 * One planted pattern of the demo district, as stored in demo_truth: kind is 'persistent',
 * 'emerging', 'fading' (hot areas of one category within radiusM of the centre between startDay and
 * endDay), 'repeat_address' (radius 0) or 'underserved' (a community lacking day care, health
 * station and kindergarten; no category or dates). expectedCount is the number of incidents the
 * generator actually planted there.
 */
public record DemoTruth(int id, String kind, String categoryCode, double lon, double lat, double radiusM,
                        LocalDate startDay, LocalDate endDay, long expectedCount, String note) {

    public DemoTruth {
        Objects.requireNonNull(kind, "kind");
    }

    /** All planted truth rows, by id (empty when no demo is loaded). */
    public static List<DemoTruth> read(DataSource ds) {
        try (Connection c = ds.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery(SqlResource.read("read_truth.sql"))) {
            List<DemoTruth> out = new ArrayList<>();
            while (rs.next()) {
                out.add(new DemoTruth(rs.getInt(1), rs.getString(2), rs.getString(3), rs.getDouble(4), rs.getDouble(5),
                        rs.getDouble(6), rs.getObject(7, LocalDate.class), rs.getObject(8, LocalDate.class), rs.getLong(9),
                        rs.getString(10)));
            }
            return out;
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read demo_truth: " + e.getMessage(), e);
        }
    }
}
