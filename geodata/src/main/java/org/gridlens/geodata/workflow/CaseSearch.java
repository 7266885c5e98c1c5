package org.gridlens.geodata.workflow;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.gridlens.geodata.intake.IntakeStoreException;
import org.gridlens.geodata.sql.SqlResource;

/** Finds cases and orders by id list, category, reported-time window and open/closed; newest first. */
public final class CaseSearch {

    private static final String SQL = SqlResource.load(CaseSearch.class, "search-cases.sql");
    private final DataSource dataSource;

    public CaseSearch(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    public List<CaseView> search(CaseFilter f) {
        List<CaseView> out = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(SQL)) {
            ps.setArray(1, f.ids() == null ? null : c.createArrayOf("int8", f.ids().toArray()));
            ps.setString(2, f.categoryCode());
            ps.setObject(3, f.from() == null ? null : java.time.OffsetDateTime.ofInstant(f.from(), java.time.ZoneOffset.UTC), Types.TIMESTAMP_WITH_TIMEZONE);
            ps.setObject(4, f.to() == null ? null : java.time.OffsetDateTime.ofInstant(f.to(), java.time.ZoneOffset.UTC), Types.TIMESTAMP_WITH_TIMEZONE);
            ps.setObject(5, f.open(), Types.BOOLEAN);
            ps.setInt(6, f.limit());
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
