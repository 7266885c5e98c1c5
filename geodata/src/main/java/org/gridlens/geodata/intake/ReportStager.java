package org.gridlens.geodata.intake;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.gridlens.geodata.db.CopyText;
import org.gridlens.geodata.sql.SqlResource;
import org.postgresql.PGConnection;
import org.postgresql.copy.PGCopyOutputStream;

/**
 * Copies checked reports into the transaction's temporary {@code intake_stage} table (stage-reports.sql)
 * with one {@code COPY … FROM STDIN} in text format, so a large batch reaches the database as one
 * stream instead of 19 bound arrays, and is then inserted by one set-based statement
 * (insert-staged.sql).
 *
 * <p>Guarantees: values are written exactly (text is escaped for COPY's text format, nulls as
 * {@code \N}; doubles in Java's shortest round-trip form), in the column order of
 * {@link IncidentIntake#columns}. The table is dropped at the end of the transaction, whatever its
 * outcome. Limit: must run inside an open transaction (autocommit off) — with autocommit the table
 * would be gone before the insert.
 */
final class ReportStager {

    private static final String CREATE = SqlResource.load(ReportStager.class, "stage-reports.sql");

    private ReportStager() {
    }

    /** Creates the staging table and copies {@code rows} into it; returns the number of rows copied. */
    static long stage(Connection c, List<IncidentIntake.Checked> rows) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute(CREATE);
        }
        StringBuilder line = new StringBuilder(256);
        PGCopyOutputStream out = new PGCopyOutputStream(c.unwrap(PGConnection.class), "COPY intake_stage FROM STDIN", 1 << 18);
        try {
            for (IncidentIntake.Checked r : rows) {
                line.setLength(0);
                Object[] values = IncidentIntake.columns(r);
                for (int k = 0; k < values.length; k++) {
                    if (k > 0) {
                        line.append('\t');
                    }
                    append(line, values[k]);
                }
                line.append('\n');
                out.write(line.toString().getBytes(StandardCharsets.UTF_8));
            }
            out.endCopy();
            return rows.size();
        } catch (IOException e) {
            throw new SQLException("copying the batch into the staging table failed: " + e.getMessage(), "08006", e);
        } finally {
            if (out.isActive()) {
                try {
                    out.cancelCopy();
                } catch (SQLException ignored) {
                    // the transaction is rolled back by the caller anyway
                }
            }
        }
    }

    private static void append(StringBuilder line, Object v) {
        if (v == null) {
            line.append("\\N");
        } else if (v instanceof Boolean b) {
            line.append(b ? 't' : 'f');
        } else if (v instanceof Number) {
            line.append(v);
        } else {
            CopyText.appendEscaped(line, v.toString());
        }
    }
}
