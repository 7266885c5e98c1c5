package org.gridlens.geodata.importing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.gridlens.geodata.dictionary.DataDictionary;
import org.gridlens.geodata.dictionary.DictionaryRepository;
import org.gridlens.geodata.region.DistrictBoundary;
import org.gridlens.geodata.region.GridCellIndex;
import org.gridlens.geodata.sql.SqlResource;
import org.locationtech.jts.geom.Point;

/**
 * Imports one file into one layer.
 *
 * <ol>
 *   <li>Reads the file as a stream ({@link RecordReader}); maps and checks each row ({@link RowValidator});
 *       good rows go to a temporary staging table by COPY, bad rows to the report.</li>
 *   <li>In SQL: transforms projected CRSs, repairs invalid polygons with ST_MakeValid (flagged), rejects
 *       rows outside the district (naming swapped lon/lat), duplicate ids in the file, unknown parents.</li>
 *   <li>Upserts the remaining rows on their id (inserted / updated / unchanged), re-derives the joins a
 *       region import affects (unit cells, incidents, buildings → grid), checks grid tiling.</li>
 *   <li>Incidents in WGS84/CGCS2000/GCJ-02 are joined to grid and unit cell while they are read
 *       ({@link GridCellIndex}, in memory), and checked against the district ({@link DistrictBoundary}),
 *       not by index probes per row in SQL; a large incident file
 *       takes the {@link IncidentBulkLoad} path (indexes and keys rebuilt once, one plain INSERT).</li>
 * </ol>
 * All of it is one transaction: either every good row is committed with its joins and counts, or
 * nothing is (any failure rolls back). Rejected rows are never written and always reported.
 *
 * <p>CRS precedence: the caller's explicit CRS, then the mapping's, then what the file declares, then
 * EPSG:4326.
 */
public final class LayerImporter {

    /** Slivers up to this area (m²) are ignored by the grid tiling check. */
    public static final double GRID_TOLERANCE_M2 = 1.0;

    private final DataSource dataSource;
    private final ImportLimits limits;
    private final long bulkMinRows;
    private final ImportPhaseListener phases;

    public LayerImporter(DataSource dataSource, ImportLimits limits) {
        this(dataSource, limits, IncidentBulkLoad.MIN_ROWS, ImportPhaseListener.NONE);
    }

    /** Tests lower the row count from which a large incident file takes the bulk path. */
    LayerImporter(DataSource dataSource, ImportLimits limits, long bulkMinRows) {
        this(dataSource, limits, bulkMinRows, ImportPhaseListener.NONE);
    }

    private LayerImporter(DataSource dataSource, ImportLimits limits, long bulkMinRows, ImportPhaseListener phases) {
        this.dataSource = dataSource;
        this.limits = limits;
        this.bulkMinRows = bulkMinRows;
        this.phases = phases;
    }

    /** The same importer, telling {@code listener} how long each phase took (benchmarks). */
    public LayerImporter withPhaseListener(ImportPhaseListener listener) {
        return new LayerImporter(dataSource, limits, bulkMinRows, listener);
    }

    /**
     * Imports {@code file} (named {@code fileName} by its owner, which sets the format) into {@code layer}.
     *
     * @throws ImportException when the file as a whole cannot be imported (nothing committed)
     */
    public ImportReport importFile(ImportLayer layer, Path file, String fileName, SourceMapping mapping,
                                   Optional<SourceCrs> crs) {
        long size;
        try {
            size = Files.size(file);
        } catch (IOException e) {
            throw new ImportException("cannot read " + fileName + ": " + e.getMessage(), e);
        }
        if (size > limits.maxFileBytes()) {
            throw ImportException.tooLarge(fileName + " is " + size + " bytes; the limit is " + limits.maxFileBytes());
        }
        SourceFormat format = SourceFormat.detect(file, fileName);
        Path work = null;
        try {
            work = Files.createTempDirectory("gridlens-import-");
            try (RecordReader reader = open(format, file, work, mapping)) {
                return run(layer, format, reader, mapping, crs);
            }
        } catch (IOException e) {
            throw new ImportException("cannot read " + fileName + ": " + e.getMessage(), e);
        } catch (SQLException e) {
            throw new ImportException("the database refused the import (" + e.getSQLState() + "); nothing was committed", e);
        } finally {
            deleteTree(work);
        }
    }

    private RecordReader open(SourceFormat format, Path file, Path work, SourceMapping mapping) throws IOException {
        return switch (format) {
            case GEOJSON -> new GeoJsonRecordReader(file, limits);
            case CSV -> new CsvRecordReader(file, mapping, limits);
            case GEOPACKAGE -> new GeoPackageRecordReader(file, mapping.table(), limits);
            case CITYJSON -> new CityJsonRecordReader(file, limits);
            case CITYJSON_SEQ -> new CityJsonSeqRecordReader(file, limits);
            case SHAPEFILE_ZIP -> new GeoPackageRecordReader(ShapefileConverter.convert(file, work, mapping.encoding(), limits),
                    null, limits);
        };
    }

    private ImportReport run(ImportLayer layer, SourceFormat format, RecordReader reader, SourceMapping mapping,
                             Optional<SourceCrs> explicitCrs) throws IOException, SQLException {
        DataDictionary dictionary = new DictionaryRepository(dataSource).load();
        SourceRecord first = reader.next();
        SourceCrs crs;
        try {
            crs = explicitCrs.or(() -> Optional.ofNullable(mapping.crs()).map(SourceCrs::parse))
                    .or(reader::declaredCrs).orElse(SourceCrs.WGS84);
        } catch (IllegalArgumentException e) {
            throw new ImportException(e.getMessage());
        }
        RowValidator validator = new RowValidator(layer, dictionary, mapping, crs);
        List<ImportIssue> javaIssues = new ArrayList<>();
        long javaIssueCount = 0;
        long read = 0;
        long javaRejected = 0;
        long start = System.nanoTime();
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            // a million-row upsert outlives the pool's socket timeout; the pool restores it on return
            c.setNetworkTimeout(Runnable::run, 0);
            try {
                try (Statement s = c.createStatement()) {
                    s.execute("SET LOCAL statement_timeout = 0");
                    // the duplicate check sorts every staged key and the bulk path groups every new row:
                    // in memory rather than in temp files (one connection, for one transaction)
                    s.execute("SET LOCAL work_mem = '128MB'");
                    s.execute(SqlResource.load(LayerImporter.class, "staging.sql"));
                }
                String district = layer == ImportLayer.REGIONS ? null : districtCode(c);
                GridCellIndex locator = layer == ImportLayer.INCIDENTS && crs.stagingSrid() == 4326 ? GridCellIndex.load(c) : null;
                // the rows the importer joins itself it also checks against the district itself
                DistrictBoundary inDistrict = locator == null ? null : DistrictBoundary.load(c);
                long mark = lap("prepare", start);
                RepeatedKeyScreen keys = new RepeatedKeyScreen();
                try (StagingWriter staging = new StagingWriter(c, layer)) {
                    List<ImportIssue> rowIssues = new ArrayList<>();
                    for (SourceRecord r = first; r != null; r = reader.next()) {
                        read++;
                        rowIssues.clear();
                        RowValidator.StagedRow row = validator.validate(r, rowIssues);
                        if (row != null && inDistrict != null && !inDistrict.contains((Point) row.geom())) {
                            Point p = (Point) row.geom();
                            rowIssues.add(new ImportIssue(r.row(), "geom", DistrictBoundary.text(p), inDistrict.containsSwapped(p)
                                    ? "longitude and latitude are swapped" : "outside the district", ImportIssue.Outcome.REJECTED));
                            row = null;
                        }
                        if (row == null) {
                            javaRejected++;
                        } else {
                            staging.write(row, locator == null ? null : locator.place((Point) row.geom()));
                            keys.add(row.key());
                        }
                        javaIssueCount += rowIssues.size();
                        for (ImportIssue i : rowIssues) {
                            if (javaIssues.size() < ImportReport.MAX_ISSUES) {
                                javaIssues.add(i);
                            }
                        }
                    }
                }
                mark = lap("read+stage", mark);
                Set<String> skipped = skippedChecks(layer, crs);
                if (!keys.mayRepeat()) {
                    skipped.add("duplicates"); // no two staged keys are equal: the sort could find nothing
                }
                runStatements(c, "checks.sql", layer.keyField(), skipped);
                if (layer == ImportLayer.REGIONS) {
                    execute(c, SqlResource.load(LayerImporter.class, "region_parents.sql"));
                } else if (inDistrict == null) {
                    execute(c, SqlResource.load(LayerImporter.class, "district_check.sql"));
                }
                execute(c, SqlResource.load(LayerImporter.class, "drop_rejected.sql"));
                long sqlRejected = scalar(c, "SELECT count(DISTINCT row_no) FROM import_issue WHERE outcome = 'REJECTED'");
                long repaired = scalar(c, "SELECT count(DISTINCT row_no) FROM import_issue WHERE outcome = 'REPAIRED'"
                        + " AND row_no IN (SELECT row_no FROM import_staging)");
                long good = scalar(c, "SELECT count(*) FROM import_staging");
                Map<String, Long> reassigned = new LinkedHashMap<>();
                if (layer == ImportLayer.REGIONS) {
                    execute(c, SqlResource.load(LayerImporter.class, "region_old.sql"));
                }
                mark = lap("checks", mark);
                long inserted;
                long updated;
                IncidentBulkLoad bulk = layer == ImportLayer.INCIDENTS && IncidentBulkLoad.worthIt(c, good, bulkMinRows)
                        ? IncidentBulkLoad.begin(c, phases) : null;
                if (bulk != null) {
                    long[] counts = bulk.upsert(district);
                    inserted = counts[0];
                    updated = counts[1];
                } else {
                    try (PreparedStatement ps = c.prepareStatement(SqlResource.load(LayerImporter.class,
                            "upsert_" + layer.table() + ".sql"))) {
                        if (district != null) {
                            ps.setString(1, district);
                        }
                        try (ResultSet rs = ps.executeQuery()) {
                            rs.next();
                            inserted = rs.getLong(1);
                            updated = rs.getLong(2);
                        }
                    }
                }
                mark = lap("upsert", mark);
                if (bulk != null) {
                    bulk.finish();
                    mark = lap("rebuild", mark);
                }
                List<ImportIssue> warnings = new ArrayList<>();
                if (layer == ImportLayer.REGIONS && inserted + updated > 0) {
                    reassigned.putAll(runStatements(c, "reassign.sql", null));
                }
                if (layer == ImportLayer.REGIONS) {
                    warnings.addAll(gridIntegrity(c));
                }
                List<ImportIssue> sqlIssues = sqlIssues(c);
                long sqlIssueCount = scalar(c, "SELECT count(*) FROM import_issue");
                recordLoad(c, layer, format, read, inserted, updated);
                mark = lap("report", mark);
                c.commit();
                lap("commit", mark);
                List<ImportIssue> issues = new ArrayList<>(javaIssues);
                issues.addAll(sqlIssues);
                issues.sort(Comparator.comparingLong(ImportIssue::row));
                issues.addAll(0, warnings);
                if (issues.size() > ImportReport.MAX_ISSUES) {
                    issues = issues.subList(0, ImportReport.MAX_ISSUES);
                }
                return new ImportReport(layer.urlName(), format.label(), crs.toString(), reader.encoding(), read, inserted, updated,
                        good - inserted - updated, javaRejected + sqlRejected, repaired, reassigned, issues,
                        javaIssueCount + sqlIssueCount + warnings.size());
            } catch (SQLException | RuntimeException | IOException e) {
                try {
                    c.rollback();
                } catch (SQLException rollbackFailure) {
                    e.addSuppressed(rollbackFailure); // a lost connection rolls back by itself
                }
                throw e;
            }
        }
    }

    /** Tells the listener the phase that began at {@code since}; returns now. */
    private long lap(String phase, long since) {
        long now = System.nanoTime();
        phases.phase(phase, now - since);
        return now;
    }

    private static String districtCode(Connection c) throws SQLException {
        try (Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT min(code) FROM region WHERE level = 'district'")) {
            rs.next();
            String code = rs.getString(1);
            if (code == null) {
                throw new ImportException("the database has no district yet: import the regions first");
            }
            return code;
        }
    }

    /**
     * The checks that cannot find anything, so that a million-row import does not scan its staging table
     * for them: points are never repaired (an empty point is rejected while reading), and a file read in
     * EPSG:4326 has nothing to transform.
     */
    private static Set<String> skippedChecks(ImportLayer layer, SourceCrs crs) {
        Set<String> skipped = new HashSet<>();
        if (layer.points()) {
            skipped.addAll(List.of("repair-flag", "repair", "repair-empty"));
        }
        if (crs.stagingSrid() == 4326) {
            skipped.add("transform");
        }
        return skipped;
    }

    /** Runs the {@code -- @statement name} blocks of a resource; returns name → rows affected. */
    private static Map<String, Long> runStatements(Connection c, String resource, String bind) throws SQLException {
        return runStatements(c, resource, bind, Set.of());
    }

    /** Runs the {@code -- @statement name} blocks of a resource but those named in {@code skip}. */
    private static Map<String, Long> runStatements(Connection c, String resource, String bind, Set<String> skip) throws SQLException {
        Map<String, Long> counts = new LinkedHashMap<>();
        String text = SqlResource.load(LayerImporter.class, resource);
        for (String block : text.split("(?m)^-- @statement ")) {
            if (block.isBlank()) {
                continue;
            }
            String name = block.substring(0, block.indexOf(':') > 0 && block.indexOf(':') < block.indexOf('\n')
                    ? block.indexOf(':') : block.indexOf('\n')).trim();
            String sql = block.substring(block.indexOf('\n') + 1);
            if (skip.contains(name)) {
                continue;
            }
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                if (sql.contains("?")) {
                    ps.setString(1, bind);
                }
                counts.put(name, (long) ps.executeUpdate());
            }
        }
        return counts;
    }

    private static void execute(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    private static long scalar(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static List<ImportIssue> sqlIssues(Connection c) throws SQLException {
        List<ImportIssue> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT row_no, field, value, reason, outcome FROM import_issue"
                + " ORDER BY row_no, reason LIMIT ?")) {
            ps.setInt(1, ImportReport.MAX_ISSUES);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new ImportIssue(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
                            ImportIssue.Outcome.valueOf(rs.getString(5))));
                }
            }
        }
        return out;
    }

    private static List<ImportIssue> gridIntegrity(Connection c) throws SQLException {
        List<ImportIssue> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(SqlResource.load(LayerImporter.class, "grid_integrity.sql"))) {
            ps.setDouble(1, GRID_TOLERANCE_M2);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String kind = rs.getString(1);
                    String area = String.format(Locale.ROOT, "%.1f m²", rs.getDouble(4));
                    String reason = switch (kind) {
                        case "gap" -> "grid tiling: a gap of " + area + " in community " + rs.getString(2) + " is in no grid";
                        case "overlap" -> "grid tiling: grids " + rs.getString(2) + " and " + rs.getString(3) + " overlap by " + area;
                        default -> "grid tiling: " + area + " of grid " + rs.getString(2) + " lies outside its community "
                                + rs.getString(3);
                    };
                    out.add(new ImportIssue(0, "geom", rs.getString(5), reason, ImportIssue.Outcome.WARNING));
                }
            }
        }
        return out;
    }

    private static void recordLoad(Connection c, ImportLayer layer, SourceFormat format, long read, long inserted, long updated)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO dataset_load (name, profile, row_counts)"
                + " VALUES (?, 'import', jsonb_build_object('read', ?, 'inserted', ?, 'updated', ?))")) {
            ps.setString(1, layer.urlName() + " (" + format.label() + ")");
            ps.setLong(2, read);
            ps.setLong(3, inserted);
            ps.setLong(4, updated);
            ps.executeUpdate();
        }
    }

    private static void deleteTree(Path dir) {
        if (dir == null) {
            return;
        }
        try (Stream<Path> s = Files.walk(dir)) {
            s.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (IOException | UncheckedIOException e) {
            // a temp folder left behind is harmless; the OS cleans it
        }
    }
}
