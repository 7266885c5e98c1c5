package org.gridlens.geodata.importing;

import java.io.Closeable;
import java.io.IOException;
import java.util.Optional;

/** Streams the records of one source file. Implementations hold at most one record in memory. */
public interface RecordReader extends Closeable {

    /** The next record, or null at the end. Throws {@link ImportException} when the file itself is broken. */
    SourceRecord next() throws IOException;

    /** The CRS the file declares about itself (GeoPackage srs, GeoJSON crs member), if any. */
    default Optional<SourceCrs> declaredCrs() {
        return Optional.empty();
    }

    /** Human-readable description of the text encoding used, or "binary". */
    default String encoding() {
        return "binary";
    }
}
