package org.gridlens.geodata.analytics;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Objects;
import javax.sql.DataSource;

/**
 * Reads the analytics data version (migration V30): a counter bumped by statement-level triggers on
 * every change to incidents, the stage log, residents, housing, buildings, facilities and regions.
 * Equal versions mean the analytics inputs have not changed (committed data; one primary-key read).
 */
public final class DataVersion {

    private final DataSource dataSource;

    public DataVersion(DataSource dataSource) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
    }

    public long current() {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT version FROM analytics_data_version");
             ResultSet rs = ps.executeQuery()) {
            return rs.next() ? rs.getLong(1) : 0;
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the analytics data version: " + e.getMessage(), e);
        }
    }
}
