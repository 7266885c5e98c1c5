package org.gridlens.geodata.events;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Optional;
import java.util.function.Consumer;
import org.gridlens.geodata.db.DatabaseTarget;
import org.locationtech.jts.geom.Envelope;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Listens on the database's {@code gridlens_change} channel (see migration V4) and hands each
 * {@link DataChange} to the subscribers, in commit order, on one background thread.
 *
 * <p>Guarantees and limits are those of {@link NotificationListener}: only committed changes arrive;
 * after a reconnect subscribers first get {@link DataChange#everything()}, so caches drop what they
 * cannot prove fresh.
 */
public final class ChangeFeed implements AutoCloseable {

    public static final String CHANNEL = "gridlens_change";
    private static final Logger log = LoggerFactory.getLogger(ChangeFeed.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final NotificationListener<DataChange> listener;

    public ChangeFeed(DatabaseTarget target) {
        this.listener = new NotificationListener<>(target, CHANNEL, ChangeFeed::parse, DataChange.everything());
    }

    /** Starts listening; returns at once. */
    public ChangeFeed start() {
        listener.start();
        return this;
    }

    public void subscribe(Consumer<DataChange> subscriber) {
        listener.subscribe(subscriber);
    }

    /** Whether the feed currently holds a live LISTEN connection. */
    public boolean connected() {
        return listener.connected();
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

    @Override
    public void close() {
        listener.close();
    }
}
