package org.gridlens.geodata.events;

import java.util.Objects;
import java.util.Optional;
import org.locationtech.jts.geom.Envelope;

/**
 * A committed change to a published table.
 *
 * @param table   the table that changed (e.g. {@code incident}); {@link #ANY_TABLE} when unknown
 * @param version increasing number of the change (0 for a synthetic "assume everything changed")
 * @param bbox    WGS84 extent of the touched rows (old and new positions); empty means "anywhere"
 */
public record DataChange(String table, long version, Optional<Envelope> bbox) {

    /** Table name of a synthetic change that stands for "anything may have changed" (e.g. after a reconnect). */
    public static final String ANY_TABLE = "*";

    public DataChange {
        Objects.requireNonNull(table, "table");
        Objects.requireNonNull(bbox, "bbox");
        if (version < 0) {
            throw new IllegalArgumentException("version must not be negative");
        }
    }

    /** A change that must be treated as touching every table everywhere. */
    public static DataChange everything() {
        return new DataChange(ANY_TABLE, 0, Optional.empty());
    }

    /** True when this change may concern {@code t}. */
    public boolean concerns(String t) {
        return table.equals(ANY_TABLE) || table.equals(t);
    }
}
