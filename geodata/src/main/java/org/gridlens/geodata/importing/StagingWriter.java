package org.gridlens.geodata.importing;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import org.gridlens.geodata.region.GridCellIndex;
import org.locationtech.jts.io.ByteOrderValues;
import org.locationtech.jts.io.WKBWriter;
import org.postgresql.PGConnection;
import org.postgresql.copy.PGCopyOutputStream;

/**
 * Streams validated rows into {@code import_staging} with COPY (text format): row number, key,
 * attributes as JSON, geometry as hex EWKB carrying its SRID, and the grid and unit cell when the
 * importer joined the row itself ({@code joined}; otherwise the upsert joins it in SQL). Buffers
 * 256 KiB; memory is constant.
 */
final class StagingWriter implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final OutputStream out;
    private final WKBWriter wkb = new WKBWriter(2, ByteOrderValues.LITTLE_ENDIAN, true);
    private final StringBuilder line = new StringBuilder(512);
    private long rows;

    StagingWriter(Connection c) throws SQLException {
        this.out = new PGCopyOutputStream(c.unwrap(PGConnection.class),
                "COPY import_staging (row_no, key, attrs, geom, joined, grid_code, cell_id) FROM STDIN", 1 << 18);
    }

    /** Writes a row the database will join (grid, cell) itself. */
    void write(RowValidator.StagedRow r) {
        write(r, null);
    }

    /** Writes a row with its grid and cell already found ({@code join} non-null), or to be joined in SQL. */
    void write(RowValidator.StagedRow r, GridCellIndex.Placement join) {
        line.setLength(0);
        line.append(r.row()).append('\t');
        escape(r.key());
        line.append('\t');
        try {
            escape(JSON.writeValueAsString(r.values()));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        line.append('\t').append(WKBWriter.toHex(wkb.write(r.geom())));
        if (join == null) {
            line.append("\tf\t\\N\t\\N\n");
        } else {
            line.append("\tt\t");
            if (join.gridCode() == null) {
                line.append("\\N");
            } else {
                escape(join.gridCode());
            }
            line.append('\t').append(join.cellId() == null ? "\\N" : join.cellId().toString()).append('\n');
        }
        try {
            out.write(line.toString().getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        rows++;
    }

    long rows() {
        return rows;
    }

    private void escape(String s) {
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            switch (ch) {
                case '\\' -> line.append("\\\\");
                case '\t' -> line.append("\\t");
                case '\n' -> line.append("\\n");
                case '\r' -> line.append("\\r");
                default -> line.append(ch);
            }
        }
    }

    @Override
    public void close() throws IOException {
        out.close();
    }
}
