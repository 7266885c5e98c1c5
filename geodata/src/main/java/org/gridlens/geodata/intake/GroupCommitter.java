package org.gridlens.geodata.intake;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * Group commit for single reports: concurrent {@link #submit} calls are coalesced into one
 * {@link IncidentIntake#submit(List)} transaction, so 32 clients cost a few transactions (and WAL
 * flushes) per round instead of 32.
 *
 * <p>Guarantees:
 * <ul>
 *   <li>{@link #submit} returns only after the transaction holding its report committed; the result is
 *       exactly what {@link IncidentIntake#submit(IncidentReport)} would have returned (accepted,
 *       duplicate with the original record, conflict, or rejected with reasons). A rejected report does
 *       not affect the others of its group; two reports with the same source id in one group behave as
 *       if sent one after the other.</li>
 *   <li>No waiting for company: a writer takes whatever is queued the moment it is free (up to
 *       {@code maxGroup} reports), so a lone report goes in at once and groups form only while the
 *       writers are busy committing.</li>
 *   <li>Bounded: at most {@code queueCapacity} reports wait; beyond that {@link #submit} throws
 *       {@link Overloaded} at once (the caller answers 503 with Retry-After).</li>
 * </ul>
 * Limits: when the database fails a group's transaction, every report of that group gets the same
 * {@link IntakeStoreException} (nothing of the group was committed; clients retry by source id).
 */
public final class GroupCommitter implements AutoCloseable {

    /** The queue of reports waiting for a writer is full. */
    public static final class Overloaded extends RuntimeException {
        Overloaded(int capacity) {
            super("more than " + capacity + " single reports are waiting to be stored; try again shortly");
        }
    }

    private record Pending(IncidentReport report, CompletableFuture<IntakeResult> result) {
    }

    /**
     * What the writers did since start: transactions (groups), reports stored in them, and the time spent
     * storing (checks, insert, commit; summed over writers). reports / groups is the mean group size;
     * storeNanos / groups the mean transaction time. Counters only grow.
     */
    public record Stats(long groups, long reports, long storeNanos) {
        public Stats {
            if (groups < 0 || reports < 0 || storeNanos < 0) {
                throw new IllegalArgumentException("counters cannot be negative");
            }
        }
    }

    private final IncidentIntake intake;
    private final Duration statementTimeout;
    private final int maxGroup;
    private final int queueCapacity;
    private final BlockingQueue<Pending> queue;
    private final List<Thread> writers = new ArrayList<>();
    private volatile boolean closing;
    private final java.util.concurrent.atomic.LongAdder groups = new java.util.concurrent.atomic.LongAdder();
    private final java.util.concurrent.atomic.LongAdder stored = new java.util.concurrent.atomic.LongAdder();
    private final java.util.concurrent.atomic.LongAdder storeNanos = new java.util.concurrent.atomic.LongAdder();

    /**
     * @param writers       transactions in flight at once (each holds one pool connection while committing)
     * @param maxGroup      most reports per transaction (≤ 50 keeps one pushed event per record)
     * @param queueCapacity most reports waiting
     * @param statementTimeout the limit of each statement of the writers' transactions (intake's own, not the
     *                      pool default: the writers are not the request threads that carry it), applied by the
     *                      driver per statement, so taking a pooled connection costs no {@code SET}
     */
    public GroupCommitter(IncidentIntake intake, int writers, int maxGroup, int queueCapacity, Duration statementTimeout) {
        if (writers < 1 || maxGroup < 1 || queueCapacity < 1) {
            throw new IllegalArgumentException("writers, group size and queue capacity must be positive");
        }
        this.intake = intake;
        this.statementTimeout = statementTimeout;
        this.maxGroup = maxGroup;
        this.queueCapacity = queueCapacity;
        this.queue = new ArrayBlockingQueue<>(queueCapacity);
        for (int i = 0; i < writers; i++) {
            Thread t = new Thread(this::write, "gridlens-intake-writer-" + i);
            t.setDaemon(true);
            t.start();
            this.writers.add(t);
        }
    }

    /** Stores one report in the next group; returns after its commit. */
    public IntakeResult submit(IncidentReport report) {
        Pending p = new Pending(report, new CompletableFuture<>());
        if (!queue.offer(p)) {
            throw new Overloaded(queueCapacity);
        }
        try {
            return p.result().get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the intake commit", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            if (e.getCause() instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException(e.getCause());
        }
    }

    private void write() {
        List<Pending> group = new ArrayList<>(maxGroup);
        while (!closing || !queue.isEmpty()) {
            group.clear();
            try {
                Pending first = queue.poll(100, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                group.add(first);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            queue.drainTo(group, maxGroup - 1);
            store(group);
        }
    }

    private void store(List<Pending> group) {
        if (group.isEmpty()) {
            return;
        }
        long t0 = System.nanoTime();
        List<IncidentReport> reports = new ArrayList<>(group.size());
        for (Pending p : group) {
            reports.add(p.report());
        }
        try {
            List<IntakeResult> results = intake.submit(reports, statementTimeout);
            for (int i = 0; i < group.size(); i++) {
                IntakeResult r = results.get(i);
                group.get(i).result().complete(r.index() == 0 ? r : r.withOutcome(0, r.outcome(), r.reasons()));
            }
        } catch (RuntimeException | Error e) {
            for (Pending p : group) {
                p.result().completeExceptionally(e);
            }
        } finally {
            groups.increment();
            stored.add(group.size());
            storeNanos.add(System.nanoTime() - t0);
        }
    }

    /** Counters of the groups stored so far (for /metrics and benchmarks). */
    public Stats stats() {
        return new Stats(groups.sum(), stored.sum(), storeNanos.sum());
    }

    /** Stops the writers after the reports already queued are stored. */
    @Override
    public void close() {
        closing = true;
        for (Thread t : writers) {
            try {
                t.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
