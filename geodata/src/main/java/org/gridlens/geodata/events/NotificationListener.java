package org.gridlens.geodata.events;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.Function;
import org.gridlens.geodata.db.DatabaseTarget;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * LISTENs on one PostgreSQL channel on its own connection (outside the pool) and hands each parsed
 * notification to the subscribers, in commit order, on one background thread.
 *
 * <p>Guarantees: only committed notifications arrive. The connection is re-established with back-off
 * (250 ms doubling to 5 s) when the database goes away; notifications sent while disconnected are lost,
 * so every reconnect first delivers {@code onReconnect}, telling subscribers to drop what they cannot
 * prove fresh. Limits: a subscriber that throws is logged and skipped; a slow subscriber delays the
 * others, so subscribers should only enqueue work. Payloads that do not parse are logged and dropped.
 *
 * @param <T> what a notification becomes
 */
public final class NotificationListener<T> implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(NotificationListener.class);

    private final DatabaseTarget target;
    private final String channel;
    private final Function<String, Optional<T>> parser;
    private final T onReconnect;
    private final List<Consumer<T>> subscribers = new CopyOnWriteArrayList<>();
    private final Thread thread;
    private volatile boolean running = true;
    private volatile boolean connected;

    /**
     * @param channel     channel name (a fixed identifier from code, never from input)
     * @param parser      payload → value, empty for a malformed payload
     * @param onReconnect what subscribers receive after a reconnect
     */
    public NotificationListener(DatabaseTarget target, String channel, Function<String, Optional<T>> parser, T onReconnect) {
        if (!channel.matches("[a-z_]{1,63}")) {
            throw new IllegalArgumentException("channel names are lower-case identifiers");
        }
        this.target = target;
        this.channel = channel;
        this.parser = parser;
        this.onReconnect = onReconnect;
        this.thread = new Thread(this::loop, "gridlens-listen-" + channel);
        this.thread.setDaemon(true);
    }

    public void start() {
        thread.start();
    }

    public void subscribe(Consumer<T> subscriber) {
        subscribers.add(subscriber);
    }

    /** Whether a live LISTEN connection is held. */
    public boolean connected() {
        return connected;
    }

    private void loop() {
        long backoffMs = 250;
        boolean first = true;
        while (running) {
            try (Connection c = DriverManager.getConnection(target.jdbcUrl(), target.user(), target.password())) {
                try (Statement s = c.createStatement()) {
                    s.execute("LISTEN " + channel);
                }
                connected = true;
                backoffMs = 250;
                if (!first) {
                    log.info("listener on {} reconnected; telling subscribers to resynchronise", channel);
                    dispatch(onReconnect);
                }
                first = false;
                PGConnection pg = c.unwrap(PGConnection.class);
                while (running) {
                    PGNotification[] ns = pg.getNotifications(500);
                    if (ns == null) {
                        if (!c.isValid(2)) {
                            throw new SQLException("listener connection lost", "08006");
                        }
                        continue;
                    }
                    for (PGNotification n : ns) {
                        parser.apply(n.getParameter()).ifPresent(this::dispatch);
                    }
                }
            } catch (SQLException e) {
                if (connected) {
                    log.warn("listener on {} lost its connection: {}", channel, e.getMessage());
                }
                connected = false;
                try {
                    Thread.sleep(backoffMs);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                }
                backoffMs = Math.min(backoffMs * 2, 5000);
            }
        }
        connected = false;
    }

    private void dispatch(T value) {
        for (Consumer<T> s : subscribers) {
            try {
                s.accept(value);
            } catch (RuntimeException e) {
                log.warn("subscriber of {} failed on {}: {}", channel, value, e.toString());
            }
        }
    }

    @Override
    public void close() {
        running = false;
        thread.interrupt();
        try {
            thread.join(3000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
