package org.gridlens.geodata.events;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Optional;
import java.util.function.Consumer;
import org.gridlens.geodata.db.DatabaseTarget;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Listens on channel {@code gridlens_incident} (migration V40): one JSON notice per inserted or
 * changed incident (or one bulk notice per big statement), and per overdue/escalation mark. PostgreSQL
 * delivers them only after commit, in commit order, to every listening server.
 *
 * <p>Connection discipline of {@link NotificationListener}: notices sent while disconnected are lost,
 * so after a reconnect subscribers get {@link #RESYNC} ({@code {"op":"resync"}}) and should tell their
 * clients to reload.
 */
public final class IncidentFeed implements AutoCloseable {

    public static final String CHANNEL = "gridlens_incident";
    private static final ObjectMapper JSON = new ObjectMapper();
    /** The notice handed to subscribers after a reconnect. */
    public static final JsonNode RESYNC = JSON.createObjectNode().put("op", "resync");
    private static final Logger log = LoggerFactory.getLogger(IncidentFeed.class);

    private final NotificationListener<JsonNode> listener;

    public IncidentFeed(DatabaseTarget target) {
        this.listener = new NotificationListener<>(target, CHANNEL, IncidentFeed::parse, RESYNC);
    }

    public IncidentFeed start() {
        listener.start();
        return this;
    }

    public void subscribe(Consumer<JsonNode> subscriber) {
        listener.subscribe(subscriber);
    }

    public boolean connected() {
        return listener.connected();
    }

    private static Optional<JsonNode> parse(String payload) {
        try {
            return Optional.of(JSON.readTree(payload));
        } catch (Exception e) {
            log.warn("ignoring malformed incident notice: {}", e.getMessage());
            return Optional.empty();
        }
    }

    @Override
    public void close() {
        listener.close();
    }
}
