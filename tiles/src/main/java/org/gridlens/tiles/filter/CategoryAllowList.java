package org.gridlens.tiles.filter;

import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.LoadingCache;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.function.Predicate;
import javax.sql.DataSource;

/**
 * The category codes of the {@code category} table, read at most once per {@link #REFRESH} (code lists
 * change by migration or import, rarely). When the database cannot be read the test fails closed: an
 * unknown code is refused with the same message as a wrong one (and the tile would fail anyway).
 */
public final class CategoryAllowList implements Predicate<String> {

    public static final Duration REFRESH = Duration.ofMinutes(5);
    private final LoadingCache<String, Set<String>> codes;

    public CategoryAllowList(DataSource dataSource) {
        this.codes = Caffeine.newBuilder().maximumSize(1).expireAfterWrite(REFRESH).build(k -> load(dataSource));
    }

    private static Set<String> load(DataSource ds) throws SQLException {
        Set<String> out = new HashSet<>();
        try (Connection c = ds.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT code FROM category")) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
        }
        return Set.copyOf(out);
    }

    @Override
    public boolean test(String code) {
        try {
            return codes.get("all").contains(code);
        } catch (RuntimeException e) {
            return false;
        }
    }
}
