package org.gridlens.geodata.analytics.coverage;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Objects;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * Whether facility coverage can walk: the pgrouting extension is installed (V36 creates it when the
 * package is present) and roads have been recorded (the {@code road_edge} network V36 derives from the
 * {@code road} table). When either is missing, coverage is straight-line and says why.
 */
public final class WalkingNetwork {

    /** Coverage reach modes as responses name them. */
    public static final String STRAIGHT_LINE = "straight_line";
    public static final String WALKING = "walking_network";

    private final DataSource dataSource;

    public WalkingNetwork(DataSource dataSource) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
    }

    /** Empty when walking reach can be computed; else the reason it cannot. */
    public Optional<String> unavailableReason() {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("""
                     SELECT EXISTS (SELECT FROM pg_extension WHERE extname = 'pgrouting'),
                            EXISTS (SELECT FROM road_edge)""");
             ResultSet rs = ps.executeQuery()) {
            rs.next();
            if (!rs.getBoolean(1)) {
                return Optional.of("the pgrouting extension is not installed (Debian: postgresql-15-pgrouting)");
            }
            if (!rs.getBoolean(2)) {
                return Optional.of("no road layer: import or load roads to get walking reach");
            }
            return Optional.empty();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot check the walking network: " + e.getMessage(), e);
        }
    }

    public boolean available() {
        return unavailableReason().isEmpty();
    }
}
