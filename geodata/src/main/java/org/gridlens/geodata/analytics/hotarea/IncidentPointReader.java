package org.gridlens.geodata.analytics.hotarea;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import org.gridlens.geodata.analytics.TimeWindow;
import org.gridlens.geodata.db.BinaryCopyReader;
import org.gridlens.geodata.sql.SqlResource;
import org.postgresql.PGConnection;
import org.postgresql.copy.PGCopyInputStream;

/**
 * Reads every incident of a window for the hot-area search in one binary COPY (hot_area_points.sql): the
 * stored EPSG:4543 coordinates (V34) and fixed-width numbers, parsed straight from the stream, with
 * category and source mapped to numbers without a string per row. PostgreSQL may scan in parallel
 * workers; the rows arrive while the scan runs, so parsing overlaps it.
 *
 * <p>The window's bounds reach the COPY as transaction-local settings set with bind parameters (COPY
 * itself takes none); the caller's connection must not be in auto-commit, and the read is one snapshot.
 */
final class IncidentPointReader {

    private static final String POINTS = SqlResource.load(IncidentPointReader.class, "hot_area_points.sql");
    private static final String WINDOW =
            "SELECT set_config('gridlens.hot_area_from', ?, true), set_config('gridlens.hot_area_to', ?, true)";
    private static final int FIELDS = 7;

    private IncidentPointReader() {
    }

    /** Every incident reported in {@code window}, on {@code c} (a transaction must be open: auto-commit off). */
    static IncidentPoints read(Connection c, TimeWindow window) throws SQLException {
        if (c.getAutoCommit()) {
            throw new IllegalStateException("the window settings are transaction-local: turn auto-commit off");
        }
        try (PreparedStatement ps = c.prepareStatement(WINDOW)) {
            ps.setString(1, window.from().atStartOfDay(TimeWindow.ZONE).toOffsetDateTime().toString());
            ps.setString(2, window.to().atStartOfDay(TimeWindow.ZONE).toOffsetDateTime().toString());
            ps.execute();
        }
        IncidentPoints p = new IncidentPoints(1 << 16);
        BinaryCopyReader.Codes categories = new BinaryCopyReader.Codes();
        BinaryCopyReader.Codes sources = new BinaryCopyReader.Codes();
        try (BinaryCopyReader in = new BinaryCopyReader(new PGCopyInputStream(c.unwrap(PGConnection.class), POINTS))) {
            while (in.nextRow(FIELDS)) {
                p.ensureRoom();
                int i = p.size;
                p.id[i] = in.int8();
                p.category[i] = in.code(categories);
                p.source[i] = in.code(sources);
                p.micros[i] = in.timestamptzMicros();
                p.x[i] = in.float8();
                p.y[i] = in.float8();
                p.state[i] = (byte) in.int2();
                p.size = i + 1;
            }
        } catch (IOException e) {
            if (e.getCause() instanceof SQLException sql) {
                throw sql; // e.g. the statement timeout cancelled the COPY: callers recognise it as such
            }
            throw new UncheckedIOException("reading the hot-area points failed: " + e.getMessage(), e);
        }
        p.categoryNames = categories.names();
        p.sourceNames = sources.names();
        return p;
    }
}
