package org.gridlens.geodata.intake;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.sql.DataSource;
import org.gridlens.geodata.sql.SqlResource;

/**
 * The minor classes of the code list, read from table {@code category} and kept for a minute, so an
 * intake burst does not read the code list per record, and a city's new codes arrive without restart.
 * Major classes (level 1) are known too, so that a report filed under one gets a precise reason.
 */
public final class CategoryCodes {

    private static final String SQL = SqlResource.load(CategoryCodes.class, "categories.sql");
    private static final Duration TTL = Duration.ofSeconds(60);

    private final DataSource dataSource;
    private volatile Snapshot snapshot;

    private record Snapshot(Map<String, Category> minor, Set<String> major, long loadedAtNanos) {
    }

    public CategoryCodes(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    public Optional<Category> find(String code) {
        return Optional.ofNullable(current().minor().get(code));
    }

    public boolean isMajorClass(String code) {
        return current().major().contains(code);
    }

    public Collection<Category> all() {
        return current().minor().values();
    }

    private Snapshot current() {
        Snapshot s = snapshot;
        if (s == null || System.nanoTime() - s.loadedAtNanos() > TTL.toNanos()) {
            s = load();
            snapshot = s;
        }
        return s;
    }

    private Snapshot load() {
        Map<String, Category> minor = new LinkedHashMap<>();
        Set<String> major = new java.util.HashSet<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(SQL);
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                String code = rs.getString("code");
                if (rs.getInt("level") == 1) {
                    major.add(code);
                    continue;
                }
                String kind = switch (rs.getString("kind")) {
                    case "service" -> "service_order";
                    case "component" -> "component";
                    default -> "event";
                };
                int limit = rs.getInt("time_limit_hours");
                minor.put(code, new Category(code, kind, rs.getString("name_zh"), rs.getString("name_en"),
                        rs.wasNull() ? null : limit, rs.getString("group_name")));
            }
        } catch (SQLException e) {
            throw new IntakeStoreException(e);
        }
        return new Snapshot(Map.copyOf(minor), Set.copyOf(major), System.nanoTime());
    }
}
