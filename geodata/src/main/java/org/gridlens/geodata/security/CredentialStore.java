package org.gridlens.geodata.security;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import javax.sql.DataSource;

/**
 * Users, API tokens and browser sessions. Secrets never leave this class in clear except at creation,
 * when the caller must show them once.
 */
public final class CredentialStore {

    /** A newly issued secret, shown to its owner once. */
    public record Issued(int id, String secret) {
    }

    private final DataSource dataSource;

    public CredentialStore(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Creates or resets a user; returns the user id. */
    public int putUser(String username, String password, Set<Role> roles) throws SQLException {
        if (password.length() < 12) {
            throw new IllegalArgumentException("passwords need at least 12 characters");
        }
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "INSERT INTO app_user(username, password_hash, roles) VALUES (?, ?, ?) "
                        + "ON CONFLICT (username) DO UPDATE SET password_hash = excluded.password_hash, roles = excluded.roles,"
                        + " disabled = false RETURNING id")) {
            ps.setString(1, username);
            ps.setString(2, Secrets.hashPassword(password));
            ps.setArray(3, roleArray(c, roles));
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }

    /** The user's principal when the password matches and the user is enabled. */
    public Optional<Principal> checkPassword(String username, String password) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "SELECT password_hash, roles FROM app_user WHERE username = ? AND NOT disabled")) {
            ps.setString(1, username);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    Secrets.verifyPassword(password, Secrets.hashPassword("timing-equaliser"));
                    return Optional.empty();
                }
                if (!Secrets.verifyPassword(password, rs.getString(1))) {
                    return Optional.empty();
                }
                return Optional.of(new Principal(username, roles(rs.getArray(2)), null));
            }
        }
    }

    public Issued issueToken(String name, Set<Role> roles, Duration validity, String createdBy) throws SQLException {
        String token = Secrets.newToken();
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "INSERT INTO api_token(name, token_hash, roles, created_by, expires_at) VALUES (?, ?, ?, ?, ?) RETURNING id")) {
            ps.setString(1, name);
            ps.setBytes(2, Secrets.sha256(token));
            ps.setArray(3, roleArray(c, roles));
            ps.setString(4, createdBy);
            ps.setTimestamp(5, Timestamp.from(Instant.now().plus(validity)));
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return new Issued(rs.getInt(1), token);
            }
        }
    }

    /** Revokes every live token with this name (e.g. the previous demo kiosk token); returns how many. */
    public int revokeTokensNamed(String name) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "UPDATE api_token SET revoked_at = now() WHERE name = ? AND revoked_at IS NULL")) {
            ps.setString(1, name);
            return ps.executeUpdate();
        }
    }

    public boolean revokeToken(int id) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "UPDATE api_token SET revoked_at = now() WHERE id = ? AND revoked_at IS NULL")) {
            ps.setInt(1, id);
            return ps.executeUpdate() == 1;
        }
    }

    /** The token's principal when it exists, is not revoked and has not expired. */
    public Optional<Principal> checkToken(String token) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "SELECT name, roles FROM api_token WHERE token_hash = ? AND revoked_at IS NULL AND expires_at > now()")) {
            ps.setBytes(1, Secrets.sha256(token));
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(new Principal("token:" + rs.getString(1), roles(rs.getArray(2)), null))
                        : Optional.empty();
            }
        }
    }

    /** Starts a browser session for a checked user; returns the session id (the cookie value) and its CSRF token. */
    public Issued startSession(String username, Duration validity) throws SQLException {
        String sessionId = Secrets.newToken();
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "INSERT INTO web_session(id_hash, user_id, csrf_token, expires_at) "
                        + "SELECT ?, id, ?, ? FROM app_user WHERE username = ? AND NOT disabled")) {
            ps.setBytes(1, Secrets.sha256(sessionId));
            String csrf = Secrets.newToken();
            ps.setString(2, csrf);
            ps.setTimestamp(3, Timestamp.from(Instant.now().plus(validity)));
            ps.setString(4, username);
            if (ps.executeUpdate() != 1) {
                throw new IllegalArgumentException("no such user");
            }
            return new Issued(0, sessionId);
        }
    }

    public Optional<Principal> checkSession(String sessionId) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "SELECT u.username, u.roles, s.csrf_token FROM web_session s JOIN app_user u ON u.id = s.user_id "
                        + "WHERE s.id_hash = ? AND s.expires_at > now() AND NOT u.disabled")) {
            ps.setBytes(1, Secrets.sha256(sessionId));
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(new Principal(rs.getString(1), roles(rs.getArray(2)), rs.getString(3)))
                        : Optional.empty();
            }
        }
    }

    public void endSession(String sessionId) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "DELETE FROM web_session WHERE id_hash = ?")) {
            ps.setBytes(1, Secrets.sha256(sessionId));
            ps.executeUpdate();
        }
    }

    private static Array roleArray(Connection c, Set<Role> roles) throws SQLException {
        return c.createArrayOf("text", roles.stream().map(Role::id).sorted().toArray());
    }

    private static Set<Role> roles(Array a) throws SQLException {
        Set<Role> out = EnumSet.noneOf(Role.class);
        for (Object o : (Object[]) a.getArray()) {
            out.add(Role.parse((String) o));
        }
        return out;
    }
}
