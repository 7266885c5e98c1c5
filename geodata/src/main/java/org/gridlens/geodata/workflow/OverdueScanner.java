package org.gridlens.geodata.workflow;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.gridlens.geodata.intake.IntakeStoreException;
import org.gridlens.geodata.sql.SqlResource;

/**
 * Marks open cases past their deadline as announced ({@code overdue_announced_at}) and, when they stay
 * open for another full time limit past it, as escalated ({@code escalated_at}). The marks are set by
 * {@code UPDATE … WHERE mark IS NULL}, so each case is marked once even with several servers scanning
 * at once; the database trigger announces each mark on 'gridlens_incident' after commit, which is what
 * turns into the {@code case.overdue} / {@code case.escalated} events.
 * At most {@link #BATCH} cases are marked per call, so a backlog is worked off without a long lock.
 */
public final class OverdueScanner {

    public static final int BATCH = 500;
    private static final String OVERDUE = SqlResource.load(OverdueScanner.class, "mark-overdue.sql");
    private static final String PENDING = SqlResource.load(OverdueScanner.class, "overdue-pending.sql");
    private static final String ESCALATE = SqlResource.load(OverdueScanner.class, "mark-escalated.sql");

    private final DataSource dataSource;

    /** Cases newly marked by one scan. */
    public record ScanResult(int overdue, int escalated) {
    }

    public OverdueScanner(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    public ScanResult scan() {
        try (Connection c = dataSource.getConnection()) {
            boolean anyOverdue;
            boolean anyEscalated;
            try (PreparedStatement ps = c.prepareStatement(PENDING); java.sql.ResultSet rs = ps.executeQuery()) {
                rs.next();
                anyOverdue = rs.getBoolean("overdue");
                anyEscalated = rs.getBoolean("escalated");
            }
            int overdue = 0;
            int escalated = 0;
            if (anyOverdue) {
                try (PreparedStatement ps = c.prepareStatement(OVERDUE)) {
                    ps.setInt(1, BATCH);
                    overdue = ps.executeUpdate();
                }
            }
            if (anyEscalated) {
                try (PreparedStatement ps = c.prepareStatement(ESCALATE)) {
                    ps.setInt(1, BATCH);
                    escalated = ps.executeUpdate();
                }
            }
            return new ScanResult(overdue, escalated);
        } catch (SQLException e) {
            throw new IntakeStoreException(e);
        }
    }
}
