package org.gridlens.geodata.importing;

import java.nio.file.Path;

/**
 * Reads a CityJSON or CityJSONSeq file through the importer's reader and prints how many records and
 * rejects it saw: run in a child JVM with a small heap by {@link CityJsonStreamingTest} to show the
 * readers' memory does not grow with the file.
 */
public final class CityJsonReadProbe {

    private CityJsonReadProbe() {
    }

    public static void main(String[] args) throws Exception {
        Path file = Path.of(args[0]);
        long records = 0;
        long rejected = 0;
        try (RecordReader r = file.toString().endsWith(".jsonl") ? new CityJsonSeqRecordReader(file, ImportLimits.DEFAULTS)
                : new CityJsonRecordReader(file, ImportLimits.DEFAULTS)) {
            for (SourceRecord s = r.next(); s != null; s = r.next()) {
                records++;
                if (s.geometryProblem() != null) {
                    rejected++;
                }
            }
        }
        System.out.println("records=" + records + " rejected=" + rejected);
    }
}
