package org.gridlens.server.bench;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * Where the cores went during a benchmark phase: CPU time of this JVM's threads grouped by name (from
 * {@code /proc/self/task}, so the JIT compiler and GC threads count too), of the benchmark cluster's
 * PostgreSQL processes (children of its postmaster, grouped into client backends and each background
 * process), and of the whole machine (the rest is other people's work on the shared cores).
 *
 * <p>Limits: Linux only; clock ticks (usually 10 ms) per thread, so short phases are coarse; a backend or
 * thread that ended between the two snapshots is not counted (the benchmark's connections stay open).
 * Thread names are the kernel's 15-character copy; trailing digits and dashes are dropped to group pools.
 */
final class CpuSampler {

    /** Ticks per group at one moment. */
    record Snapshot(long nanos, Map<String, Long> jvm, Map<String, Long> postgres, long machineBusy) {
    }

    private static final double TICK_SECONDS = 0.01; // USER_HZ is 100 on Linux

    private final Path pgDataDir;

    CpuSampler(Path pgDataDir) {
        this.pgDataDir = pgDataDir;
    }

    Snapshot take() {
        Map<String, Long> jvm = new HashMap<>();
        Map<String, Long> pg = new HashMap<>();
        try (DirectoryStream<Path> tasks = Files.newDirectoryStream(Path.of("/proc/self/task"))) {
            for (Path t : tasks) {
                long[] ticks = new long[1];
                String comm = stat(t.resolve("stat"), ticks, null);
                if (comm != null) {
                    jvm.merge(group(comm), ticks[0], Long::sum);
                }
            }
        } catch (IOException e) {
            // not Linux: empty
        }
        long postmaster = postmaster();
        if (postmaster > 0) {
            try (DirectoryStream<Path> procs = Files.newDirectoryStream(Path.of("/proc"), "[0-9]*")) {
                for (Path p : procs) {
                    long[] ticks = new long[1];
                    long[] parent = new long[1];
                    String comm = stat(p.resolve("stat"), ticks, parent);
                    if (comm == null || (parent[0] != postmaster && Long.parseLong(p.getFileName().toString()) != postmaster)) {
                        continue;
                    }
                    pg.merge(postgresGroup(p), ticks[0], Long::sum);
                }
            } catch (IOException e) {
                // not Linux: empty
            }
        }
        return new Snapshot(System.nanoTime(), jvm, pg, machineBusy());
    }

    /** The split between two snapshots, in % of one core, largest first, one line per side. */
    static String report(Snapshot before, Snapshot after) {
        double seconds = (after.nanos() - before.nanos()) / 1e9;
        Map<String, Double> jvm = delta(before.jvm(), after.jvm(), seconds);
        Map<String, Double> pg = delta(before.postgres(), after.postgres(), seconds);
        double jvmTotal = jvm.values().stream().mapToDouble(Double::doubleValue).sum();
        double pgTotal = pg.values().stream().mapToDouble(Double::doubleValue).sum();
        double machine = (after.machineBusy() - before.machineBusy()) * TICK_SECONDS / seconds * 100;
        StringBuilder sb = new StringBuilder();
        sb.append(String.format("  CPU over %.0f s (%% of one core; %d cores): machine %.0f %%, this JVM %.0f %%, benchmark PostgreSQL"
                + " %.0f %%, everything else on the machine %.0f %%%n", seconds, Runtime.getRuntime().availableProcessors(), machine,
                jvmTotal, pgTotal, Math.max(0, machine - jvmTotal - pgTotal)));
        sb.append("    JVM threads:").append(top(jvm)).append('\n');
        sb.append("    PostgreSQL:").append(top(pg));
        return sb.toString();
    }

    /** The JIT compiler threads' CPU between two snapshots, in % of one core. */
    static double compilers(Snapshot before, Snapshot after) {
        double seconds = (after.nanos() - before.nanos()) / 1e9;
        return delta(before.jvm(), after.jvm(), seconds).entrySet().stream().filter(e -> e.getKey().contains("CompilerThre"))
                .mapToDouble(Map.Entry::getValue).sum();
    }

    private static String top(Map<String, Double> shares) {
        StringBuilder sb = new StringBuilder();
        shares.entrySet().stream().filter(e -> e.getValue() >= 0.5)
                .sorted((a, b) -> Double.compare(b.getValue(), a.getValue()))
                .forEach(e -> sb.append(String.format(" %s %.1f %%,", e.getKey(), e.getValue())));
        return sb.length() == 0 ? " none" : sb.substring(0, sb.length() - 1);
    }

    private static Map<String, Double> delta(Map<String, Long> before, Map<String, Long> after, double seconds) {
        Map<String, Double> out = new TreeMap<>();
        after.forEach((k, v) -> out.put(k, (v - before.getOrDefault(k, 0L)) * TICK_SECONDS / seconds * 100));
        return out;
    }

    private static String group(String comm) {
        String g = comm.replaceAll("[-_ #0-9]+$", ""); // "C2 CompilerThre" stays apart from "C1 CompilerThre"
        return g.isEmpty() ? comm : g;
    }

    private static String postgresGroup(Path proc) {
        try {
            String cmd = new String(Files.readAllBytes(proc.resolve("cmdline"))).replace('\0', ' ').trim();
            if (cmd.contains("(") && cmd.startsWith("postgres:")) {
                return "backends";
            }
            return cmd.startsWith("postgres: ") ? cmd.substring(10).split(" ")[0] : "postmaster";
        } catch (IOException e) {
            return "ended";
        }
    }

    /** comm of a /proc stat file; ticks[0] = utime + stime; parent[0] = ppid. Null when it vanished. */
    private static String stat(Path file, long[] ticks, long[] parent) {
        try {
            String s = Files.readString(file);
            int open = s.indexOf('(');
            int close = s.lastIndexOf(')');
            String comm = s.substring(open + 1, close);
            String[] f = s.substring(close + 2).split(" ");
            // f[0] = state (field 3); utime = field 14, stime = field 15, ppid = field 4
            ticks[0] = Long.parseLong(f[11]) + Long.parseLong(f[12]);
            if (parent != null) {
                parent[0] = Long.parseLong(f[1]);
            }
            return comm;
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    private long postmaster() {
        try {
            return Long.parseLong(Files.readAllLines(pgDataDir.resolve("postmaster.pid")).get(0).trim());
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    private static long machineBusy() {
        try {
            String[] f = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
            // cpu user nice system idle iowait irq softirq steal
            long busy = 0;
            for (int i : new int[] {1, 2, 3, 6, 7, 8}) {
                busy += Long.parseLong(f[i]);
            }
            return busy;
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }
}
