package org.gridlens.geodata.importing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import org.gridlens.geodata.db.CopyText;
import org.gridlens.geodata.region.GridCellIndex;
import org.locationtech.jts.io.ByteOrderValues;
import org.locationtech.jts.io.WKBWriter;
import org.postgresql.PGConnection;
import org.postgresql.copy.PGCopyOutputStream;

/**
 * Streams validated rows into {@code import_staging} with COPY (text format): row number, key,
 * geometry as hex EWKB carrying its SRID, the grid and unit cell when the importer joined the row
 * itself ({@code joined}; otherwise the upsert joins it in SQL), and the attributes: incidents in
 * their own typed columns ({@link #INCIDENT_FIELDS}, read once by COPY's input functions), every other
 * layer as one JSON object.
 *
 * <p>The rows are encoded and sent by a thread of its own, so reading and validating the next rows
 * (the caller's thread) overlaps with encoding and sending these. Rows pass in batches of
 * {@value #BATCH} through a queue of {@value #QUEUED} batches, and the COPY stream buffers 256 KiB:
 * memory is bounded. The connection must not be used by anyone else until {@link #close()} returns.
 * A failure of the COPY is thrown by the next {@link #write} or by {@link #close()}; the sending thread
 * keeps taking batches (and drops them) after a failure, so the caller never waits on a full queue.
 */
final class StagingWriter implements AutoCloseable {

    /** The incident fields that have typed staging columns of the same name, in COPY column order. */
    static final List<String> INCIDENT_FIELDS = List.of("source", "source_id", "kind", "category_code", "description",
            "reported_at", "closed_at", "deadline", "status");

    /** Rows handed over at a time. */
    static final int BATCH = 512;
    /** Batches waiting at most. */
    static final int QUEUED = 8;
    private static final List<Pending> END = List.of();

    private final PGCopyOutputStream out;
    private final boolean typed;
    private final BlockingQueue<List<Pending>> queue = new ArrayBlockingQueue<>(QUEUED);
    private final Thread sender;
    private volatile Throwable failure;
    private List<Pending> batch = new ArrayList<>(BATCH);
    private boolean closed;
    private final WKBWriter wkb = new WKBWriter(2, ByteOrderValues.LITTLE_ENDIAN, true);
    private final StringBuilder line = new StringBuilder(512);
    private final StringBuilder json = new StringBuilder(256);
    private long rows;

    /** @param layer incidents are staged in typed columns, other layers as JSON */
    StagingWriter(Connection c, ImportLayer layer) throws SQLException {
        this.typed = layer == ImportLayer.INCIDENTS;
        this.out = new PGCopyOutputStream(c.unwrap(PGConnection.class), "COPY import_staging (row_no, key, geom, joined, grid_code, cell_id, "
                + (typed ? String.join(", ", INCIDENT_FIELDS) : "attrs") + ") FROM STDIN", 1 << 18);
        this.sender = new Thread(this::send, "import-copy");
        sender.setDaemon(true);
        sender.start();
    }

    /** A row and its join, waiting to be encoded. */
    private record Pending(RowValidator.StagedRow row, GridCellIndex.Placement join) {
    }

    /** Writes a row the database will join (grid, cell) itself. */
    void write(RowValidator.StagedRow r) {
        write(r, null);
    }

    /** Writes a row with its grid and cell already found ({@code join} non-null), or to be joined in SQL. */
    void write(RowValidator.StagedRow r, GridCellIndex.Placement join) {
        rethrowFailure();
        batch.add(new Pending(r, join));
        rows++;
        if (batch.size() == BATCH) {
            hand(batch);
            batch = new ArrayList<>(BATCH);
        }
    }

    private void hand(List<Pending> b) {
        try {
            queue.put(b);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ImportException("interrupted while staging rows");
        }
    }

    /** The sending thread: encodes and sends batches until the end marker; after a failure only drains. */
    private void send() {
        while (true) {
            List<Pending> b;
            try {
                b = queue.take();
            } catch (InterruptedException e) {
                failure = e; // keeps draining, so the caller never blocks on a full queue
                continue;
            }
            if (b == END) {
                return;
            }
            if (failure == null) {
                try {
                    for (Pending p : b) {
                        encode(p.row(), p.join());
                    }
                } catch (Throwable t) {
                    failure = t;
                }
            }
        }
    }

    private void rethrowFailure() {
        Throwable t = failure;
        if (t == null) {
            return;
        }
        if (t instanceof RuntimeException e) {
            throw e;
        }
        if (t instanceof Error e) {
            throw e;
        }
        if (t instanceof IOException e) {
            throw new UncheckedIOException(e);
        }
        throw new IllegalStateException("staging failed", t);
    }

    private void encode(RowValidator.StagedRow r, GridCellIndex.Placement join) throws IOException {
        line.setLength(0);
        line.append(r.row()).append('\t');
        escape(r.key());
        line.append('\t').append(WKBWriter.toHex(wkb.write(r.geom())));
        if (join == null) {
            line.append("\tf\t\\N\t\\N");
        } else {
            line.append("\tt\t");
            if (join.gridCode() == null) {
                line.append("\\N");
            } else {
                escape(join.gridCode());
            }
            line.append('\t').append(join.cellId() == null ? "\\N" : join.cellId().toString());
        }
        if (typed) {
            for (String field : INCIDENT_FIELDS) {
                String v = r.values().get(field);
                line.append('\t');
                if (v == null) {
                    line.append("\\N");
                } else {
                    escape(v);
                }
            }
        } else {
            line.append('\t');
            escape(json(r.values()));
        }
        line.append('\n');
        out.write(line.toString().getBytes(StandardCharsets.UTF_8));
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

    /** Sends what is left, waits for the sending thread, ends the COPY; throws a failure of the COPY. */
    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        if (!batch.isEmpty()) {
            hand(batch);
        }
        hand(END);
        try {
            sender.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ImportException("interrupted while staging rows");
        }
        if (failure != null) {
            try {
                if (out.isActive()) {
                    out.cancelCopy(); // leaves the connection usable for the rollback
                }
            } catch (SQLException cancelFailure) {
                failure.addSuppressed(cancelFailure);
            }
            if (failure instanceof IOException e) {
                throw e;
            }
            rethrowFailure();
        }
        out.close();
    }
}
