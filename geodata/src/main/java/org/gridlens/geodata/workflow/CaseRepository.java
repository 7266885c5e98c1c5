package org.gridlens.geodata.workflow;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.gridlens.geodata.intake.CategoryCodes;
import org.gridlens.geodata.intake.Category;
import org.gridlens.geodata.intake.IntakeStoreException;
import org.gridlens.geodata.sql.SqlResource;

/**
 * Reads cases with their stage log and applies {@link CaseWorkflow} transitions.
 *
 * <p>A transition runs in one transaction: the incident row is locked ({@code SELECT … FOR UPDATE}),
 * the rule checked against its current status, the stage columns/status/deadline updated and one row
 * appended to {@code case_event} with actor and the transaction's timestamp. Two concurrent requests
 * on one case are therefore serialised: the second sees the first's status. A refused transition
 * writes nothing.
 */
public final class CaseRepository {

    private static final String LOCK = SqlResource.load(CaseRepository.class, "lock-case.sql");
    private static final String UPDATE = SqlResource.load(CaseRepository.class, "apply-transition.sql");
    private static final String APPEND = SqlResource.load(CaseRepository.class, "append-event.sql");
    private static final String FIND = SqlResource.load(CaseRepository.class, "find-case.sql");
    private static final String LOG = SqlResource.load(CaseRepository.class, "case-log.sql");

    private final DataSource dataSource;
    private final CategoryCodes categories;

    public CaseRepository(DataSource dataSource, CategoryCodes categories) {
        this.dataSource = dataSource;
        this.categories = categories;
    }

    public Optional<CaseView> find(long id) {
        try (Connection c = dataSource.getConnection()) {
            return find(c, id);
        } catch (SQLException e) {
            throw new IntakeStoreException(e);
        }
    }

    /**
     * Applies one transition and returns the case as committed.
     *
     * @throws CaseNotFoundException       no such incident
     * @throws TransitionRefusedException  the table does not allow it now (the message says why)
     */
    public CaseView transition(long id, TransitionRequest request) {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                String kind;
                String status;
                String category;
                Instant now;
                Instant deadline;
                try (PreparedStatement ps = c.prepareStatement(LOCK)) {
                    ps.setLong(1, id);
                    try (ResultSet rs = ps.executeQuery()) {
                        if (!rs.next()) {
                            throw new CaseNotFoundException(id);
                        }
                        kind = rs.getString("kind");
                        status = rs.getString("status");
                        category = rs.getString("category_code");
                        now = rs.getTimestamp("now").toInstant();
                        deadline = instant(rs, "deadline");
                    }
                }
                Optional<String> refusal = CaseWorkflow.refusal(kind, status, request);
                if (refusal.isPresent()) {
                    throw new TransitionRefusedException(refusal.get());
                }
                String newCategory = null;
                if (request.category() != null) {
                    if (request.stage() != CaseStage.REGISTER) {
                        throw new TransitionRefusedException("a category can be corrected only at 'register'");
                    }
                    Category corrected = categories.find(request.category()).orElseThrow(
                            () -> new TransitionRefusedException("unknown category '" + request.category() + "'"));
                    if (!corrected.kind().equals(kind)) {
                        throw new TransitionRefusedException("category '" + request.category() + "' is a "
                                + corrected.kind() + " class, this record is a " + kind);
                    }
                    newCategory = corrected.code();
                    category = newCategory;
                }
                Integer limit = categories.find(category).map(Category::timeLimitHours).orElse(null);
                Instant newDeadline = switch (request.stage()) {
                    case REGISTER -> limit == null ? null : now.plus(Duration.ofHours(limit));
                    case EXTEND -> {
                        int hours = request.hours() != null ? request.hours() : limit == null ? 24 : limit;
                        yield (deadline == null ? now : deadline).plus(Duration.ofHours(hours));
                    }
                    default -> null;
                };
                CaseWorkflow.Rule rule = CaseWorkflow.rule(request.stage());
                try (PreparedStatement ps = c.prepareStatement(UPDATE)) {
                    int k = 1;
                    ps.setString(k++, rule.to() == null ? status : rule.to());
                    for (String col : List.of("registered_at", "dispatched_at", "handled_at", "checked_at", "closed_at",
                            "evaluated_at")) {
                        ps.setBoolean(k++, rule.stamps().contains(col));
                    }
                    ps.setObject(k++, newDeadline == null ? null : java.time.OffsetDateTime.ofInstant(newDeadline, java.time.ZoneOffset.UTC), Types.TIMESTAMP_WITH_TIMEZONE);
                    boolean setsDept = request.stage() == CaseStage.DISPATCH || request.stage() == CaseStage.TAKE
                            || request.stage() == CaseStage.SEND_BACK;
                    ps.setBoolean(k++, setsDept);
                    ps.setString(k++, request.stage() == CaseStage.SEND_BACK ? null : request.dept());
                    ps.setString(k++, newCategory);
                    ps.setInt(k++, request.stage() == CaseStage.EXTEND ? 1 : 0);
                    ps.setInt(k++, request.stage() == CaseStage.REWORK ? 1 : 0);
                    ps.setObject(k++, request.rating(), Types.SMALLINT);
                    ps.setLong(k, id);
                    ps.executeUpdate();
                }
                try (PreparedStatement ps = c.prepareStatement(APPEND)) {
                    ps.setString(1, request.stage().code());
                    ps.setString(2, request.actor());
                    ps.setString(3, request.dept());
                    String note = request.note();
                    if (request.rating() != null) {
                        note = "rating " + request.rating() + (note == null ? "" : ": " + note);
                    }
                    ps.setString(4, note);
                    ps.setLong(5, id);
                    ps.executeUpdate();
                }
                c.commit();
            } catch (SQLException | RuntimeException e) {
                try {
                    c.rollback();
                } catch (SQLException rollbackFailed) {
                    e.addSuppressed(rollbackFailed); // keep the original cause (and its SQL state)
                }
                throw e;
            }
            c.setAutoCommit(true);
            return find(c, id).orElseThrow(() -> new CaseNotFoundException(id));
        } catch (SQLException e) {
            throw new IntakeStoreException(e);
        }
    }

    private Optional<CaseView> find(Connection c, long id) throws SQLException {
        List<CaseEvent> log = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(LOG)) {
            ps.setLong(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    log.add(new CaseEvent(rs.getLong("id"), rs.getString("stage"), instant(rs, "at"), rs.getString("actor"),
                            rs.getString("dept"), rs.getString("note")));
                }
            }
        }
        try (PreparedStatement ps = c.prepareStatement(FIND)) {
            ps.setLong(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                return Optional.of(view(rs, log));
            }
        }
    }

    /** Maps a row of find-case.sql's columns (shared with the order queue). */
    static CaseView view(ResultSet rs, List<CaseEvent> log) throws SQLException {
        int cell = rs.getInt("cell_id");
        Integer cellId = rs.wasNull() ? null : cell;
        int rating = rs.getInt("rating");
        Integer ratingOrNull = rs.wasNull() ? null : rating;
        return new CaseView(rs.getLong("id"), rs.getString("source"), rs.getString("source_id"), rs.getString("kind"),
                rs.getString("category_code"), rs.getString("status"), rs.getString("description"), rs.getDouble("lon"),
                rs.getDouble("lat"), rs.getString("grid_code"), cellId, rs.getString("dept"), instant(rs, "reported_at"),
                instant(rs, "accepted_at"), instant(rs, "registered_at"), instant(rs, "dispatched_at"),
                instant(rs, "handled_at"), instant(rs, "checked_at"), instant(rs, "closed_at"), instant(rs, "evaluated_at"),
                instant(rs, "deadline"), instant(rs, "updated_at"), instant(rs, "overdue_announced_at"),
                instant(rs, "escalated_at"), rs.getString("urgency"), rs.getBoolean("vulnerable"), rs.getInt("priority"),
                ratingOrNull, rs.getString("photo_url"), log);
    }

    static Instant instant(ResultSet rs, String col) throws SQLException {
        Timestamp t = rs.getTimestamp(col);
        return t == null ? null : t.toInstant();
    }
}
