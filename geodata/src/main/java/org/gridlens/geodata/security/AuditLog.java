package org.gridlens.geodata.security;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The append-only audit trail: who read person-level data, imported or exported what, changed a case,
 * logged in or failed to. The table refuses updates and deletes (trigger), so the application can add
 * and read entries but never edit them.
 */
public final class AuditLog {

    /** One audit entry. */
    public record Entry(long id, Instant at, String actor, String action, String target, String outcome,
                        String client, Map<String, Object> detail) {
        public Entry {
            Objects.requireNonNull(actor, "actor");
            Objects.requireNonNull(action, "action");
            if (!outcome.equals("ok") && !outcome.equals("denied") && !outcome.equals("failed")) {
                throw new IllegalArgumentException("outcome must be ok, denied or failed");
            }
        }
    }

    private static final Logger log = LoggerFactory.getLogger(AuditLog.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private final DataSource dataSource;

    public AuditLog(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * Records an event. An audit write that fails is logged loudly but does not fail the caller's
     * request; callers for which an unaudited action is unacceptable use {@link #recordOrThrow}.
     */
    public void record(String actor, String action, String target, String outcome, String client, Map<String, ?> detail) {
        try {
            recordOrThrow(actor, action, target, outcome, client, detail);
        } catch (SQLException e) {
            log.error("AUDIT WRITE FAILED: {} {} {} {} ({})", actor, action, target, outcome, e.getMessage());
        }
    }

    public void recordOrThrow(String actor, String action, String target, String outcome, String client,
                              Map<String, ?> detail) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "INSERT INTO audit_log(actor, action, target, outcome, client, detail) VALUES (?, ?, ?, ?, ?, ?::jsonb)")) {
            ps.setString(1, actor);
            ps.setString(2, action);
            ps.setString(3, target);
            ps.setString(4, outcome);
            ps.setString(5, client);
            ps.setString(6, JSON.writeValueAsString(detail == null ? Map.of() : detail));
            ps.executeUpdate();
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException("audit detail is not serialisable", e);
        }
    }

    /** Entries newest first, optionally filtered by actor and action, within [from, to). */
    public List<Entry> query(String actor, String action, Instant from, Instant to, int limit) throws SQLException {
        if (limit < 1 || limit > 1000) {
            throw new IllegalArgumentException("limit must be 1..1000");
        }
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "SELECT id, at, actor, action, target, outcome, client, detail::text FROM audit_log "
                        + "WHERE (?::text IS NULL OR actor = ?) AND (?::text IS NULL OR action = ?) "
                        + "AND at >= ? AND at < ? ORDER BY id DESC LIMIT ?")) {
            ps.setString(1, actor);
            ps.setString(2, actor);
            ps.setString(3, action);
            ps.setString(4, action);
            ps.setTimestamp(5, Timestamp.from(from));
            ps.setTimestamp(6, Timestamp.from(to));
            ps.setInt(7, limit);
            List<Entry> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    @SuppressWarnings("unchecked")
                    Map<String, Object> detail = JSON.readValue(rs.getString(8), LinkedHashMap.class);
                    out.add(new Entry(rs.getLong(1), rs.getTimestamp(2).toInstant(), rs.getString(3), rs.getString(4),
                            rs.getString(5), rs.getString(6), rs.getString(7), detail));
                }
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                throw new SQLException("audit detail unreadable", e);
            }
            return out;
        }
    }
}
