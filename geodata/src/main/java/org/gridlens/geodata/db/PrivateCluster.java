package org.gridlens.geodata.db;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A PostgreSQL cluster that GridLens creates and runs itself from the local server binaries.
 *
 * <p>Guarantees:
 * <ul>
 *   <li>Created with {@code initdb --data-checksums}, UTF-8, password authentication on loopback only
 *       (no unix socket outside the data folder, no remote listener); the superuser is {@code gridlens}
 *       with a random password kept next to the data folder, readable by the invoking user only.</li>
 *   <li>Started on a free loopback port with {@code pg_ctl}; {@link #close()} stops it with a fast
 *       shutdown (no data loss: committed transactions are in the WAL).</li>
 *   <li>One GridLens process per data folder: a second one fails with a clear message instead of
 *       touching the folder (an exclusive lock file beside it).</li>
 *   <li>PostgreSQL refuses to run as root. When this JVM runs as root, every PostgreSQL command runs
 *       as an unprivileged system user ({@code postgres} by default) through {@code runuser}, the data
 *       folder is owned by that user, and the log says so.</li>
 * </ul>
 * Limits: the cluster is for one machine (a demo, a developer, CI). Production points
 * {@code GRIDLENS_DB_URL} at a managed PostgreSQL instead.
 */
public final class PrivateCluster implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(PrivateCluster.class);
    static final String SUPERUSER = "gridlens";
    static final String DATABASE = "gridlens";

    private final PostgresBinaries binaries;
    private final Path dataDir;
    private final Path passwordFile;
    private final String runAsUser; // null when not root
    private final boolean throwaway;
    private FileChannel lockChannel;
    private FileLock lock;
    private int port;
    private String password;
    private boolean running;

    private PrivateCluster(PostgresBinaries binaries, Path dataDir, String runAsUser, boolean throwaway) {
        this.binaries = binaries;
        this.dataDir = dataDir.toAbsolutePath().normalize();
        this.passwordFile = this.dataDir.resolveSibling(this.dataDir.getFileName() + ".password");
        this.runAsUser = runAsUser;
        this.throwaway = throwaway;
    }

    /**
     * Creates (if needed) and starts the cluster in {@code dataDir}, kept between runs.
     *
     * @param clusterUser the unprivileged OS user to run PostgreSQL as when this JVM is root
     */
    public static PrivateCluster startPersistent(PostgresBinaries binaries, Path dataDir, String clusterUser) {
        String runAs = isRoot() ? clusterUser : null;
        Path usable = runAs == null ? dataDir : relocateIfUntraversable(dataDir, runAs);
        PrivateCluster cluster = new PrivateCluster(binaries, usable, runAs, false);
        cluster.start();
        return cluster;
    }

    /** Creates and starts a cluster in a fresh folder under the system temp folder, deleted on close. */
    public static PrivateCluster startThrowaway(PostgresBinaries binaries, String clusterUser) {
        try {
            Path parent = Files.createTempDirectory("gridlens-pg-");
            Files.setPosixFilePermissions(parent, PosixFilePermissions.fromString("rwxr-xr-x"));
            PrivateCluster cluster = new PrivateCluster(binaries, parent.resolve("pg"), isRoot() ? clusterUser : null, true);
            cluster.start();
            return cluster;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public DatabaseTarget target() {
        return new DatabaseTarget("jdbc:postgresql://127.0.0.1:" + port + "/" + DATABASE, SUPERUSER, password,
                DatabaseTarget.Origin.PRIVATE_CLUSTER);
    }

    public Path dataDir() {
        return dataDir;
    }

    public int port() {
        return port;
    }

    public boolean isRunning() {
        return running;
    }

    /** Starts the cluster (creating it first when the folder is empty). Idempotent. */
    public synchronized void start() {
        if (running) {
            return;
        }
        try {
            if (lock == null) {
                acquireLock();
            }
            if (!Files.exists(dataDir.resolve("PG_VERSION"))) {
                initialise();
            }
            password = Files.readString(passwordFile, StandardCharsets.UTF_8).trim();
            Integer alreadyRunningOn = runningPort();
            if (alreadyRunningOn != null) {
                port = alreadyRunningOn;
                log.info("PostgreSQL in {} was still running (left by an earlier run); reusing it on port {}", dataDir, port);
            } else {
                // A restart of this instance keeps its port so open pools reconnect to the same address.
                if (port == 0) {
                    port = freeLoopbackPort();
                }
                List<String> cmd = List.of(binaries.pgCtl().toString(), "-D", dataDir.toString(), "-l",
                        dataDir.resolve("postmaster.log").toString(), "-w", "-t", "120",
                        "-o", "-p " + port + " -c listen_addresses=127.0.0.1 -c unix_socket_directories=" + dataDir,
                        "start");
                exec(cmd, "pg_ctl start");
                log.info("started private PostgreSQL cluster in {} on 127.0.0.1:{}{}", dataDir, port,
                        runAsUser == null ? "" : " (running as system user '" + runAsUser + "' because GridLens runs as root)");
            }
            running = true;
            createDatabase();
        } catch (IOException e) {
            releaseLock();
            throw new ProvisioningException("could not start the private PostgreSQL cluster in " + dataDir + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            releaseLock();
            throw e;
        }
    }

    /** Stops the cluster (fast shutdown) and keeps the folder; {@link #start()} brings it back. */
    public synchronized void stop() {
        if (!running) {
            return;
        }
        try {
            exec(List.of(binaries.pgCtl().toString(), "-D", dataDir.toString(), "-m", "fast", "-w", "-t", "60", "stop"),
                    "pg_ctl stop");
            log.info("stopped private PostgreSQL cluster in {}", dataDir);
        } catch (IOException | RuntimeException e) {
            log.warn("could not stop PostgreSQL in {} cleanly: {}", dataDir, e.getMessage());
        } finally {
            running = false;
        }
    }

    /** Sends SIGKILL to the postmaster (for crash tests). Its children die with it; restart with {@link #start()}. */
    public synchronized void killPostmaster() throws IOException {
        Path pidFile = dataDir.resolve("postmaster.pid");
        long pid = Long.parseLong(Files.readAllLines(pidFile).get(0).trim());
        ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
        ProcessHandle.of(pid).ifPresent(h -> h.onExit().join());
        running = false;
    }

    @Override
    public synchronized void close() {
        stop();
        releaseLock();
        if (throwaway) {
            deleteRecursively(dataDir.getParent());
        }
    }

    // ------------------------------------------------------------------------------------------

    private void initialise() throws IOException {
        Files.createDirectories(dataDir.getParent());
        Files.createDirectories(dataDir);
        Files.setPosixFilePermissions(dataDir, PosixFilePermissions.fromString("rwx------"));
        String pw = HexFormat.of().formatHex(new SecureRandom().generateSeed(18));
        Files.writeString(passwordFile, pw + "\n", StandardCharsets.UTF_8);
        Files.setPosixFilePermissions(passwordFile, PosixFilePermissions.fromString("rw-------"));
        Path pwForInitdb = Files.createTempFile(dataDir.getParent(), "initdb-", ".pw");
        try {
            Files.writeString(pwForInitdb, pw + "\n", StandardCharsets.UTF_8);
            if (runAsUser != null) {
                chown(dataDir, runAsUser);
                chown(pwForInitdb, runAsUser);
            }
            exec(List.of(binaries.initdb().toString(), "-D", dataDir.toString(), "--data-checksums", "-U", SUPERUSER,
                    "--pwfile=" + pwForInitdb, "--auth-local=scram-sha-256", "--auth-host=scram-sha-256",
                    "-E", "UTF8", "--locale=C.UTF-8"), "initdb");
        } finally {
            Files.deleteIfExists(pwForInitdb);
        }
        // Settings for a 2-core / 24 GiB machine doing bulk loads and analytics; durability stays on.
        String tuning = String.join("\n",
                "", "# Added by GridLens",
                "shared_buffers = '1GB'",
                "work_mem = '64MB'",
                "maintenance_work_mem = '1GB'",
                "max_wal_size = '8GB'",
                "checkpoint_timeout = '15min'",
                "wal_compression = on",
                "jit = off",
                "max_connections = 200",
                "max_parallel_workers_per_gather = 2",
                "shared_preload_libraries = 'pg_stat_statements'",
                "");
        Path conf = dataDir.resolve("postgresql.conf");
        if (runAsUser != null) {
            // The file belongs to the cluster user; append through it so ownership stays right.
            Path tmp = Files.createTempFile(dataDir.getParent(), "gridlens-", ".conf");
            Files.writeString(tmp, tuning);
            chown(tmp, runAsUser);
            exec(List.of("sh", "-c", "cat \"$0\" >> \"$1\"", tmp.toString(), conf.toString()), "configure cluster");
            Files.deleteIfExists(tmp);
        } else {
            Files.writeString(conf, tuning, StandardOpenOption.APPEND);
        }
        log.info("created private PostgreSQL cluster in {} (initdb --data-checksums{})", dataDir,
                runAsUser == null ? "" : ", owned by system user '" + runAsUser + "'");
    }

    private void createDatabase() {
        String adminUrl = "jdbc:postgresql://127.0.0.1:" + port + "/postgres";
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (true) {
            try (Connection c = DriverManager.getConnection(adminUrl, SUPERUSER, password);
                 Statement s = c.createStatement()) {
                var rs = s.executeQuery("SELECT 1 FROM pg_database WHERE datname = '" + DATABASE + "'");
                if (!rs.next()) {
                    s.execute("CREATE DATABASE " + DATABASE + " ENCODING 'UTF8' TEMPLATE template0");
                }
                break;
            } catch (SQLException e) {
                if (System.nanoTime() > deadline) {
                    throw new ProvisioningException("private PostgreSQL cluster started but does not accept connections: "
                            + e.getMessage(), e);
                }
                sleep(200);
            }
        }
        try (Connection c = DriverManager.getConnection(target().jdbcUrl(), SUPERUSER, password);
             Statement s = c.createStatement()) {
            s.execute("CREATE EXTENSION IF NOT EXISTS postgis");
        } catch (SQLException e) {
            throw new ProvisioningException("PostGIS is not installed for the local PostgreSQL (install "
                    + PostgresBinaries.DEBIAN_POSTGIS_PACKAGE + "): " + e.getMessage(), e);
        }
    }

    private Integer runningPort() throws IOException {
        Path pidFile = dataDir.resolve("postmaster.pid");
        if (!Files.exists(pidFile)) {
            return null;
        }
        int status = execStatus(List.of(binaries.pgCtl().toString(), "-D", dataDir.toString(), "status"));
        if (status != 0) {
            return null; // stale pid file; pg_ctl start handles it
        }
        List<String> lines = Files.readAllLines(pidFile);
        return lines.size() > 3 ? Integer.parseInt(lines.get(3).trim()) : null;
    }

    private void acquireLock() throws IOException {
        Path lockFile = dataDir.resolveSibling(dataDir.getFileName() + ".lock");
        Files.createDirectories(lockFile.getParent());
        lockChannel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.READ);
        try {
            lock = lockChannel.tryLock();
        } catch (OverlappingFileLockException e) {
            lock = null;
        }
        if (lock == null) {
            String holder = Files.readString(lockFile).trim();
            lockChannel.close();
            throw new ProvisioningException("another GridLens process" + (holder.isEmpty() ? "" : " (pid " + holder + ")")
                    + " is already using the database folder " + dataDir + "; stop it first or choose another --db.data-dir");
        }
        lockChannel.truncate(0);
        lockChannel.write(java.nio.ByteBuffer.wrap(String.valueOf(ProcessHandle.current().pid()).getBytes(StandardCharsets.UTF_8)));
    }

    private void releaseLock() {
        try {
            if (lock != null) {
                lock.release();
            }
            if (lockChannel != null) {
                lockChannel.close();
            }
        } catch (IOException ignored) {
            // nothing useful to do at shutdown
        } finally {
            lock = null;
            lockChannel = null;
        }
    }

    private void exec(List<String> command, String what) throws IOException {
        Process p = processFor(command).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        try {
            if (!p.waitFor(180, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new ProvisioningException(what + " did not finish within 180 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ProvisioningException(what + " was interrupted");
        }
        if (p.exitValue() != 0) {
            String tail = out.length() > 2000 ? out.substring(out.length() - 2000) : out;
            if (what.startsWith("pg_ctl start")) {
                try {
                    String pgLog = Files.readString(dataDir.resolve("postmaster.log"));
                    tail += "\n--- postmaster.log ---\n" + (pgLog.length() > 2000 ? pgLog.substring(pgLog.length() - 2000) : pgLog);
                } catch (IOException ignored) {
                    // the log may be unreadable; the command output is enough
                }
            }
            throw new ProvisioningException(what + " failed (exit " + p.exitValue() + "): " + tail.trim());
        }
    }

    private int execStatus(List<String> command) throws IOException {
        Process p = processFor(command).start();
        p.getInputStream().readAllBytes();
        try {
            p.waitFor(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return p.isAlive() ? -1 : p.exitValue();
    }

    private ProcessBuilder processFor(List<String> command) {
        List<String> full = new ArrayList<>();
        if (runAsUser != null) {
            full.addAll(List.of("runuser", "-u", runAsUser, "--"));
        }
        full.addAll(command);
        ProcessBuilder pb = new ProcessBuilder(full).redirectErrorStream(true).directory(Path.of("/").toFile());
        pb.environment().put("LC_ALL", "C.UTF-8");
        return pb;
    }

    private static void chown(Path path, String user) throws IOException {
        var lookup = path.getFileSystem().getUserPrincipalLookupService();
        Files.setOwner(path, lookup.lookupPrincipalByName(user));
        try {
            var group = lookup.lookupPrincipalByGroupName(user);
            Files.getFileAttributeView(path, java.nio.file.attribute.PosixFileAttributeView.class).setGroup(group);
        } catch (IOException noSuchGroup) {
            // the user's own group is optional
        }
    }

    /**
     * PostgreSQL must traverse every parent of its data folder. When GridLens runs as root from a
     * folder that others cannot enter (e.g. under /root), the cluster goes to /var/lib/gridlens instead.
     */
    private static Path relocateIfUntraversable(Path dataDir, String user) {
        Path abs = dataDir.toAbsolutePath().normalize();
        for (Path p = abs.getParent(); p != null; p = p.getParent()) {
            try {
                if (Files.exists(p) && !Files.getPosixFilePermissions(p).contains(PosixFilePermission.OTHERS_EXECUTE)) {
                    String key = HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                            .digest(abs.toString().getBytes(StandardCharsets.UTF_8))).substring(0, 12);
                    Path moved = Path.of("/var/lib/gridlens", key, "pg");
                    log.warn("{} is not reachable by system user '{}' ({} is closed to others); using {} instead",
                            abs, user, p, moved);
                    Files.createDirectories(moved.getParent(), PosixFilePermissions.asFileAttribute(
                            PosixFilePermissions.fromString("rwxr-xr-x")));
                    return moved;
                }
            } catch (IOException | java.security.NoSuchAlgorithmException e) {
                throw new ProvisioningException("cannot prepare data folder " + abs + ": " + e.getMessage(), e);
            }
        }
        return abs;
    }

    static boolean isRoot() {
        return new com.sun.security.auth.module.UnixSystem().getUid() == 0;
    }

    private static int freeLoopbackPort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ProvisioningException("interrupted while waiting for PostgreSQL");
        }
    }

    private static void deleteRecursively(Path root) {
        if (root == null || !Files.exists(root)) {
            return;
        }
        try (var walk = Files.walk(root)) {
            walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException ignored) {
                    // best effort for a throwaway folder
                }
            });
        } catch (IOException ignored) {
            // best effort
        }
    }
}
