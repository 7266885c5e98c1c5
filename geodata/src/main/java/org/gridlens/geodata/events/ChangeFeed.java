package org.gridlens.geodata.events;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.gridlens.geodata.db.DatabaseTarget;
import org.locationtech.jts.geom.Envelope;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Listens on the database's {@code gridlens_change} channel (see migration V4) and hands each
 * {@link DataChange} to the subscribers, in commit order, on one background thread.
 *
 * <p>Guarantees: only committed changes arrive (PostgreSQL delivers notifications at commit). The
 * feed uses its own connection, outside the pool, and reconnects with back-off when the database goes
 * away; because notifications sent while it was disconnected are lost, every reconnect delivers one
 * {@link DataChange#everything()} first, so caches drop what they cannot prove fresh.
 * Limits: a subscriber that throws is logged and skipped; a slow subscriber delays the others, so
 * subscribers should only enqueue work.
 */
public final class ChangeFeed implements AutoCloseable {

    public static final String CHANNEL = "gridlens_change";
    private static final Logger log = LoggerFactory.getLogger(ChangeFeed.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final DatabaseTarget target;
    private final List<Consumer<DataChange>> subscribers = new CopyOnWriteArrayList<>();
    private final Thread thread;
    private volatile boolean running = true;
    private volatile boolean connected;

    public ChangeFeed(DatabaseTarget target) {
        this.target = target;
        this.thread = new Thread(this::loop, "gridlens-change-feed");
        this.thread.setDaemon(true);
    }

    /** Starts listening; returns at once. */
    public ChangeFeed start() {
        thread.start();
        return this;
    }

    public void subscribe(Consumer<DataChange> subscriber) {
        subscribers.add(subscriber);
    }

    /** Whether the feed currently holds a live LISTEN connection. */
    public boolean connected() {
        return connected;
    }

    private void loop() {
        long backoffMs = 250;
        boolean first = true;
        while (running) {
            try (Connection c = DriverManager.getConnection(target.jdbcUrl(), target.user(), target.password())) {
                try (Statement s = c.createStatement()) {
                    s.execute("LISTEN " + CHANNEL);
                }
                connected = true;
                backoffMs = 250;
                if (!first) {
                    log.info("change feed reconnected; treating everything as changed");
                    dispatch(DataChange.everything());
                }
                first = false;
                PGConnection pg = c.unwrap(PGConnection.class);
                while (running) {
                    PGNotification[] ns = pg.getNotifications(500);
                    if (ns == null) {
                        if (!c.isValid(2)) {
                            throw new SQLException("change feed connection lost", "08006");
                        }
                        continue;
                    }
                    for (PGNotification n : ns) {
                        parse(n.getParameter()).ifPresent(this::dispatch);
                    }
                }
            } catch (SQLException e) {
                if (connected) {
                    log.warn("change feed lost its connection: {}", e.getMessage());
                }
                connected = false;
                sleep(backoffMs);
                backoffMs = Math.min(backoffMs * 2, 5000);
            }
        }
        connected = false;
    }

    static Optional<DataChange> parse(String payload) {
        try {
            JsonNode n = JSON.readTree(payload);
            JsonNode b = n.get("bbox");
            Optional<Envelope> bbox = b == null || b.isNull() || b.size() != 4 ? Optional.empty()
                    : Optional.of(new Envelope(b.get(0).asDouble(), b.get(2).asDouble(), b.get(1).asDouble(), b.get(3).asDouble()));
            return Optional.of(new DataChange(n.get("table").asText(), n.get("version").asLong(), bbox));
        } catch (Exception e) {
            log.warn("ignoring malformed change notification: {}", e.getMessage());
            return Optional.empty();
        }
    }

    private void dispatch(DataChange change) {
        for (Consumer<DataChange> s : subscribers) {
            try {
                s.accept(change);
            } catch (RuntimeException e) {
                log.warn("change subscriber failed on {}: {}", change, e.toString());
            }
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
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
