package org.gridlens.geodata.db;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The local PostgreSQL server binaries ({@code initdb}, {@code pg_ctl}, {@code postgres}) and whether
 * PostGIS is installed for them.
 *
 * <p>Looked up from {@code pg_config --bindir} first, then the newest {@code /usr/lib/postgresql/N/bin}
 * (Debian's layout). Only server installations count: a client-only {@code psql} is not enough.
 *
 * @param binDir   folder holding initdb, pg_ctl and postgres
 * @param shareDir folder holding {@code extension/*.control}
 */
public record PostgresBinaries(Path binDir, Path shareDir) {

    /** The Debian package that brings PostGIS for the PostgreSQL major version on this machine. */
    public static final String DEBIAN_POSTGIS_PACKAGE = "postgresql-15-postgis-3";

    public Path initdb() {
        return binDir.resolve("initdb");
    }

    public Path pgCtl() {
        return binDir.resolve("pg_ctl");
    }

    public boolean hasPostgis() {
        return Files.isRegularFile(shareDir.resolve("extension/postgis.control"));
    }

    /** The major version, read from the folder name or {@code postgres --version}; 0 if unknown. */
    public int majorVersion() {
        String name = binDir.getParent() == null ? "" : binDir.getParent().getFileName().toString();
        if (name.matches("\\d+")) {
            return Integer.parseInt(name);
        }
        return 0;
    }

    /** Finds a server installation, or empty when none is there. */
    public static Optional<PostgresBinaries> locate() {
        Optional<PostgresBinaries> fromPgConfig = fromPgConfig();
        if (fromPgConfig.isPresent()) {
            return fromPgConfig;
        }
        Path root = Path.of("/usr/lib/postgresql");
        if (!Files.isDirectory(root)) {
            return Optional.empty();
        }
        try (Stream<Path> versions = Files.list(root)) {
            return versions
                    .filter(p -> p.getFileName().toString().matches("\\d+"))
                    .sorted(Comparator.comparingInt((Path p) -> Integer.parseInt(p.getFileName().toString())).reversed())
                    .map(p -> new PostgresBinaries(p.resolve("bin"), Path.of("/usr/share/postgresql", p.getFileName().toString())))
                    .filter(b -> Files.isExecutable(b.initdb()) && Files.isExecutable(b.pgCtl()))
                    .findFirst();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static Optional<PostgresBinaries> fromPgConfig() {
        try {
            Optional<String> bin = run(List.of("pg_config", "--bindir"));
            Optional<String> share = run(List.of("pg_config", "--sharedir"));
            if (bin.isEmpty() || share.isEmpty()) {
                return Optional.empty();
            }
            PostgresBinaries b = new PostgresBinaries(Path.of(bin.get()), Path.of(share.get()));
            return Files.isExecutable(b.initdb()) && Files.isExecutable(b.pgCtl()) ? Optional.of(b) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static Optional<String> run(List<String> command) throws IOException {
        Process p;
        try {
            p = new ProcessBuilder(command).redirectErrorStream(true).start();
        } catch (IOException notInstalled) {
            return Optional.empty();
        }
        try {
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            if (!p.waitFor(10, TimeUnit.SECONDS) || p.exitValue() != 0) {
                return Optional.empty();
            }
            return Optional.of(out);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }
}
