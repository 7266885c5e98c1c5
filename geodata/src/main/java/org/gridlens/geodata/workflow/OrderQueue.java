package org.gridlens.geodata.workflow;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.gridlens.geodata.intake.IntakeStoreException;
import org.gridlens.geodata.sql.SqlResource;

/**
 * Service orders in the order agencies should take them: open orders by priority (vulnerable
 * households first, then urgency), then oldest first; closed orders newest first.
 */
public final class OrderQueue {

    public static final int MAX_LIMIT = 1000;
    private static final String OPEN = SqlResource.load(OrderQueue.class, "open-orders.sql");
    private static final String CLOSED = SqlResource.load(OrderQueue.class, "closed-orders.sql");

    private final DataSource dataSource;

    public OrderQueue(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Up to {@code limit} (1..{@link #MAX_LIMIT}) orders, open or closed; the stage log is left empty. */
    public List<CaseView> list(boolean open, int limit) {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException("limit must lie between 1 and " + MAX_LIMIT);
        }
        List<CaseView> out = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(open ? OPEN : CLOSED)) {
            ps.setInt(1, limit);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(CaseRepository.view(rs, List.of()));
                }
            }
        } catch (SQLException e) {
            throw new IntakeStoreException(e);
        }
        return out;
    }
}
