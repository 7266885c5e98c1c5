package org.gridlens.geodata.demo;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * What one demo load put into the database: rows per table (in load order), the SHA-256 of the COPY
 * bytes (equal for equal profile and seed) and the wall-clock time of the whole load.
 */
public record DemoLoadReport(DemoProfile profile, long seed, Map<String, Long> rowCounts, String checksum,
                             Duration elapsed) {
    public DemoLoadReport {
        Objects.requireNonNull(profile, "profile");
        rowCounts = Map.copyOf(Objects.requireNonNull(rowCounts, "rowCounts"));
        Objects.requireNonNull(checksum, "checksum");
        Objects.requireNonNull(elapsed, "elapsed");
    }
}
