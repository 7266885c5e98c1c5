package org.gridlens.server;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import org.gridlens.geodata.db.Database;
import org.gridlens.geodata.db.DatabaseProvisioner;
import org.gridlens.geodata.db.ProvisionedDatabase;
import org.gridlens.geodata.importing.ImportException;
import org.gridlens.geodata.importing.ImportLayer;
import org.gridlens.geodata.importing.ImportReport;
import org.gridlens.geodata.importing.LayerImporter;
import org.gridlens.geodata.importing.SourceCrs;
import org.gridlens.geodata.importing.SourceMapping;
import org.gridlens.server.config.GridLensConfig;
import org.gridlens.server.importing.ImportSettings;

/**
 * {@code gridlens import <layer> <file> [--mapping m.json] [--crs c]}: imports one file and prints the
 * report as JSON. Exit codes: 0 imported (rows may have been rejected: see the report), 2 the file
 * could not be imported at all (nothing committed) or bad arguments.
 *
 * @param layer   target layer
 * @param file    the file (relative names resolve against the caller's directory)
 * @param mapping mapping file, if any
 * @param crs     declared CRS, if any
 */
record ImportCommand(ImportLayer layer, Path file, Optional<Path> mapping, Optional<SourceCrs> crs) {

    static final String USAGE = "usage: gridlens import <" + String.join("|", java.util.Arrays.stream(ImportLayer.values())
            .map(ImportLayer::urlName).toList()) + "> <file> [--mapping m.json] [--crs EPSG:4326|EPSG:4490|EPSG:4543|EPSG:3857|GCJ-02]";

    /** Takes the import arguments out of {@code args}, leaving the --key=value configuration flags. */
    static ImportCommand parse(List<String> args, String callerDir) {
        String layer = null;
        String file = null;
        String mapping = null;
        String crs = null;
        for (Iterator<String> it = args.iterator(); it.hasNext(); ) {
            String a = it.next();
            if (a.equals("--mapping") || a.equals("--crs")) {
                it.remove();
                if (!it.hasNext()) {
                    throw new IllegalArgumentException(a + " needs a value");
                }
                String v = it.next();
                it.remove();
                if (a.equals("--mapping")) {
                    mapping = v;
                } else {
                    crs = v;
                }
            } else if (a.startsWith("--mapping=") || a.startsWith("--crs=")) {
                it.remove();
                String v = a.substring(a.indexOf('=') + 1);
                if (a.startsWith("--mapping=")) {
                    mapping = v;
                } else {
                    crs = v;
                }
            } else if (!a.startsWith("--")) {
                it.remove();
                if (layer == null) {
                    layer = a;
                } else if (file == null) {
                    file = a;
                } else {
                    throw new IllegalArgumentException("unexpected argument '" + a + "'");
                }
            }
        }
        if (layer == null || file == null) {
            throw new IllegalArgumentException("name a layer and a file");
        }
        Path base = Path.of(callerDir == null ? "" : callerDir);
        Path f = base.resolve(file);
        if (!Files.isRegularFile(f)) {
            throw new IllegalArgumentException("no such file: " + f);
        }
        return new ImportCommand(ImportLayer.parse(layer), f, Optional.ofNullable(mapping).map(base::resolve),
                Optional.ofNullable(crs).map(SourceCrs::parse));
    }

    int run(GridLensConfig config) {
        try (ProvisionedDatabase provisioned = new DatabaseProvisioner(config.database()).provision();
             Database database = Database.open(provisioned.target(), config.pool(), null)) {
            database.migrate();
            SourceMapping m = mapping.map(SourceMapping::read).orElse(SourceMapping.NONE);
            ImportReport report = new LayerImporter(database.dataSource(), ImportSettings.limits(config))
                    .importFile(layer, file, file.getFileName().toString(), m, crs);
            System.out.println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(report));
            System.err.printf("gridlens import: %d read, %d inserted, %d updated, %d unchanged, %d rejected%n", report.read(),
                    report.inserted(), report.updated(), report.unchanged(), report.rejected());
            return 0;
        } catch (ImportException e) {
            System.err.println("gridlens import: " + e.getMessage() + " (nothing was committed)");
            return 2;
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
