package org.gridlens.geodata.events;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.gridlens.geodata.db.DatabaseTarget;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Listens on channel {@code gridlens_incident} (migration V40): one JSON notice per inserted or
 * changed incident (or one bulk notice per big statement), and per overdue/escalation mark. PostgreSQL
 * delivers them only after commit, in commit order, to every listening server.
 *
 * <p>Same connection discipline as {@link ChangeFeed}: its own connection outside the pool, reconnect
 * with back-off; notices sent while disconnected are lost, so after a reconnect subscribers get
 * {@link #RESYNC} ({@code {"op":"resync"}}) and should tell their clients to reload.
 */
public final class IncidentFeed implements AutoCloseable {

    public static final String CHANNEL = "gridlens_incident";
    private static final ObjectMapper JSON = new ObjectMapper();
    /** The notice handed to subscribers after a reconnect. */
    public static final JsonNode RESYNC = JSON.createObjectNode().put("op", "resync");
    private static final Logger log = LoggerFactory.getLogger(IncidentFeed.class);

    private final DatabaseTarget target;
    private final List<Consumer<JsonNode>> subscribers = new CopyOnWriteArrayList<>();
    private final Thread thread;
    private volatile boolean running = true;
    private volatile boolean connected;

    public IncidentFeed(DatabaseTarget target) {
        this.target = target;
        this.thread = new Thread(this::loop, "gridlens-incident-feed");
        this.thread.setDaemon(true);
    }

    public IncidentFeed start() {
        thread.start();
        return this;
    }

    public void subscribe(Consumer<JsonNode> subscriber) {
        subscribers.add(subscriber);
    }

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
                    log.info("incident feed reconnected; asking clients to resync");
                    dispatch(RESYNC);
                }
                first = false;
                PGConnection pg = c.unwrap(PGConnection.class);
                while (running) {
                    PGNotification[] ns = pg.getNotifications(500);
                    if (ns == null) {
                        if (!c.isValid(2)) {
                            throw new SQLException("incident feed connection lost", "08006");
                        }
                        continue;
                    }
                    for (PGNotification n : ns) {
                        try {
                            dispatch(JSON.readTree(n.getParameter()));
                        } catch (Exception e) {
                            log.warn("ignoring malformed incident notice: {}", e.getMessage());
                        }
                    }
                }
            } catch (SQLException e) {
                if (connected) {
                    log.warn("incident feed lost its connection: {}", e.getMessage());
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

    private void dispatch(JsonNode notice) {
        for (Consumer<JsonNode> s : subscribers) {
            try {
                s.accept(notice);
            } catch (RuntimeException e) {
                log.warn("incident subscriber failed: {}", e.toString());
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
