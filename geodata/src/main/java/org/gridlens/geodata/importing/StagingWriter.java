package org.gridlens.geodata.importing;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;
import org.gridlens.geodata.db.CopyText;
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

    private final OutputStream out;
    private final WKBWriter wkb = new WKBWriter(2, ByteOrderValues.LITTLE_ENDIAN, true);
    private final StringBuilder line = new StringBuilder(512);
    private final StringBuilder json = new StringBuilder(256);
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
        escape(json(r.values()));
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

    /**
     * The values as a JSON object of strings (what Jackson writes for a {@code Map<String, String>}),
     * built in a reused buffer: a per-row serializer was a fifth of the reading thread's time.
     */
    private CharSequence json(Map<String, String> values) {
        json.setLength(0);
        json.append('{');
        boolean first = true;
        for (Map.Entry<String, String> e : values.entrySet()) {
            if (!first) {
                json.append(',');
            }
            first = false;
            quote(e.getKey());
            json.append(':');
            quote(e.getValue());
        }
        return json.append('}');
    }

    private void quote(String s) {
        json.append('"');
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            switch (ch) {
                case '"' -> json.append("\\\"");
                case '\\' -> json.append("\\\\");
                default -> {
                    if (ch < 0x20) {
                        json.append(String.format("\\u%04x", (int) ch));
                    } else {
                        json.append(ch);
                    }
                }
            }
        }
        json.append('"');
    }

    private void escape(CharSequence s) {
        CopyText.appendEscaped(line, s);
    }

    @Override
    public void close() throws IOException {
        out.close();
    }
}
