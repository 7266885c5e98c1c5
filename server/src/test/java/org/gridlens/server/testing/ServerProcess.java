package org.gridlens.server.testing;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.gridlens.geodata.db.DatabaseTarget;

/**
 * The real GridLens server ({@code org.gridlens.server.Main serve}) in a <em>separate JVM</em>, on this
 * test's class path, over a given database — so a test can kill it with SIGKILL ({@link #kill()}) the
 * way a power cut or the OOM killer would, mid-request, with no shutdown hook, no pool close and no
 * flush of anything still in memory.
 *
 * <p>Its standard output and error go to {@code log} (appended across restarts), which a failing test can
 * print. Limits: the child's heap is capped at 384 MiB; {@link #start} waits up to {@value #START_SECONDS} s for
 * {@code /health} to answer before it gives up (and kills the child) — generous, because a test JVM run
 * with {@code nice} on a machine at load average 39 once needed more than 60 s to start the server.
 */
public final class ServerProcess implements AutoCloseable {

    static final int START_SECONDS = 180;

    private final Process process;
    private final int port;

    private ServerProcess(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    /**
     * Starts {@code gridlens serve} against {@code target} on a free loopback port and returns once it
     * answers {@code /health} (whatever the database's state: a server that is up but whose database is
     * down still answers).
     *
     * @param flags further {@code --key=value} flags
     */
    public static ServerProcess start(DatabaseTarget target, Path log, List<String> flags) throws IOException, InterruptedException {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx384m", "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"), "org.gridlens.server.Main", "serve",
                "--http.host=127.0.0.1", "--http.port=" + port, "--db.url=" + target.jdbcUrl(), "--db.user=" + target.user(),
                "--db.password=" + target.password(), "--db.docker=false", "--log.level=WARN"));
        cmd.addAll(flags);
        Files.createDirectories(log.toAbsolutePath().getParent());
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .start();
        ServerProcess server = new ServerProcess(p, port);
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        long giveUp = System.nanoTime() + Duration.ofSeconds(START_SECONDS).toNanos();
        while (System.nanoTime() < giveUp) {
            if (!p.isAlive()) {
                throw new IllegalStateException("the server process exited with " + p.exitValue() + " while starting; see " + log);
            }
            try {
                http.send(HttpRequest.newBuilder(URI.create(server.base() + "/health")).timeout(Duration.ofSeconds(2)).build(),
                        HttpResponse.BodyHandlers.discarding());
                return server;
            } catch (IOException notYet) {
                Thread.sleep(100);
            }
        }
        server.kill();
        throw new IllegalStateException("the server process did not answer /health within " + START_SECONDS + " s; see " + log);
    }

    public String base() {
        return "http://127.0.0.1:" + port;
    }

    public long pid() {
        return process.pid();
    }

    /** SIGKILL (on Unix {@link Process#destroyForcibly()} sends signal 9), then waits for the process to be gone. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor();
    }

    /** Kills the process if it still runs (tests end with whatever state; nothing graceful is needed). */
    @Override
    public void close() {
        try {
            kill();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
