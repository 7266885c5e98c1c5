package org.gridlens.geodata.db;

import java.time.Duration;

/**
 * The statement timeout the current thread's work should run under, when it differs from the pool's
 * default: a server sets it per request class (analytics may run longer than a map request, an intake
 * must fail much sooner) around the handling of one request, and every connection the thread takes
 * from a {@link Database} pool in that time runs its statements under it.
 *
 * <p>Scopes are per thread and do not nest: {@link #enter} replaces the current value, {@link #exit}
 * clears it. Work handed to other threads runs under the pool's default.
 */
public final class StatementTimeouts {

    private static final ThreadLocal<Duration> CURRENT = new ThreadLocal<>();

    private StatementTimeouts() {
    }

    /** From now on this thread's connections run statements under {@code timeout} (zero: no limit). */
    public static void enter(Duration timeout) {
        if (timeout.isNegative()) {
            throw new IllegalArgumentException("a statement timeout cannot be negative");
        }
        CURRENT.set(timeout);
    }

    /** Back to the pool's default for this thread. */
    public static void exit() {
        CURRENT.remove();
    }

    /** The timeout set for this thread, or null for the pool's default. */
    static Duration current() {
        return CURRENT.get();
    }
}
