package org.gridlens.server.events;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.locationtech.jts.geom.Envelope;

/**
 * The fan-out point of pushed events: assigns each event the next id, keeps a bounded replay window,
 * and offers the event to every subscriber's bounded queue.
 *
 * <p>Guarantees:
 * <ul>
 *   <li>Ids increase by one per event. The first id of a run is {@code currentTimeMillis * 1000}, so ids
 *       of a restarted server are larger than any of its earlier runs: a client holding an old id is
 *       told to {@code reset} rather than silently given wrong events.</li>
 *   <li>A subscriber that reconnects with the id of the last event it saw gets every later event
 *       exactly once, in order, if that id is still in the window ({@code replaySize} events, no older than
 *       {@code replayMaxAge}); otherwise {@link Subscription#reset()} is true and it must reload.</li>
 *   <li>Memory is bounded: the window by its size, each subscriber by its queue; a subscriber whose queue
 *       is full is dropped (its stream is closed; on reconnect it catches up from the window).</li>
 * </ul>
 * Publishing and subscribing share one lock, so no event falls between a subscriber's replay and its
 * queue. The hub only relays; what it publishes comes from committed database changes (see
 * {@link IncidentEventRelay}, {@link LayerChangeRelay}).
 */
public final class EventHub implements AutoCloseable {

    /** A live subscription: replay first, then the queue. */
    public static final class Subscription {
        private final List<ServerEvent> replay;
        private final boolean reset;
        private final BlockingQueue<ServerEvent> queue;
        private volatile boolean dropped;

        private Subscription(List<ServerEvent> replay, boolean reset, int capacity) {
            this.replay = replay;
            this.reset = reset;
            this.queue = new ArrayBlockingQueue<>(capacity);
        }

        /** Events missed since the client's last id (empty when reset). */
        public List<ServerEvent> replay() {
            return replay;
        }

        /** True when the client's last id is outside the window: it must reload its state. */
        public boolean reset() {
            return reset;
        }

        /** The next event, or null after {@code timeout} (time for a heartbeat) or when dropped/closed. */
        public ServerEvent next(Duration timeout) throws InterruptedException {
            ServerEvent e = queue.poll(timeout.toNanos(), TimeUnit.NANOSECONDS);
            return e == CLOSED ? null : e;
        }

        /**
         * Moves up to {@code max} events that are already queued into {@code into}, without waiting, so a
         * stream can write a burst with one flush. Returns how many were moved.
         */
        public int drainReady(List<ServerEvent> into, int max) {
            int before = into.size();
            queue.drainTo(into, max);
            into.removeIf(e -> e == CLOSED);
            return into.size() - before;
        }

        /** True when the hub dropped this subscriber (queue full, or hub closed). */
        public boolean dropped() {
            return dropped;
        }
    }

    private static final ServerEvent CLOSED = new ServerEvent(-1, "closed", "{}", 0);

    private final int replaySize;
    private final Duration replayMaxAge;
    private final int queueCapacity;
    private final ArrayDeque<ServerEvent> window = new ArrayDeque<>();
    private final Set<Subscription> subscribers = ConcurrentHashMap.newKeySet();
    private final long firstId = System.currentTimeMillis() * 1000;
    private long nextId = firstId;
    private long droppedCount;
    private boolean closed;

    public EventHub(int replaySize, Duration replayMaxAge, int queueCapacity) {
        if (replaySize < 1 || queueCapacity < 1) {
            throw new IllegalArgumentException("replay size and queue capacity must be positive");
        }
        this.replaySize = replaySize;
        this.replayMaxAge = replayMaxAge;
        this.queueCapacity = queueCapacity;
    }

    /** Publishes one event to every subscriber and the window; returns its id. */
    public synchronized long publish(String type, String jsonData) {
        ServerEvent e = new ServerEvent(nextId++, type, jsonData, System.nanoTime());
        window.addLast(e);
        trim(e.atNanos());
        for (Iterator<Subscription> it = subscribers.iterator(); it.hasNext(); ) {
            Subscription s = it.next();
            if (!s.queue.offer(e)) {
                s.dropped = true;
                s.queue.clear();
                s.queue.offer(CLOSED);
                it.remove();
                droppedCount++;
            }
        }
        return e.id();
    }

    /**
     * A "layer changed" notice (same shape as the tiles module's LayerChangeListener, so its cache can
     * publish through this one call).
     *
     * @param bbox4326OrNull changed extent in WGS84, or null for "anywhere"
     */
    public long layerChanged(String layer, Envelope bbox4326OrNull, long version) {
        String bbox = bbox4326OrNull == null || bbox4326OrNull.isNull() ? "null"
                : "[" + bbox4326OrNull.getMinX() + "," + bbox4326OrNull.getMinY() + "," + bbox4326OrNull.getMaxX() + ","
                + bbox4326OrNull.getMaxY() + "]";
        return publish("layer.changed", "{\"layer\":" + Json.quote(layer) + ",\"bbox\":" + bbox + ",\"version\":" + version + "}");
    }

    /**
     * Subscribes; {@code lastEventId} is the id the client saw last (null for a fresh client, which
     * gets no replay).
     */
    public synchronized Subscription subscribe(Long lastEventId) {
        List<ServerEvent> replay = new ArrayList<>();
        boolean reset = false;
        if (closed) {
            Subscription s = new Subscription(List.of(), false, 1);
            s.dropped = true;
            return s;
        }
        if (lastEventId != null) {
            trim(System.nanoTime());
            long oldest = window.isEmpty() ? nextId : window.peekFirst().id();
            if (lastEventId >= nextId || lastEventId < oldest - 1) {
                reset = true;
            } else {
                for (ServerEvent e : window) {
                    if (e.id() > lastEventId) {
                        replay.add(e);
                    }
                }
            }
        }
        Subscription s = new Subscription(List.copyOf(replay), reset, queueCapacity);
        subscribers.add(s);
        return s;
    }

    public void unsubscribe(Subscription s) {
        subscribers.remove(s);
    }

    /** Id of the latest event, or {@code firstId - 1} before the first. */
    public synchronized long lastId() {
        return nextId - 1;
    }

    public int subscriberCount() {
        return subscribers.size();
    }

    public synchronized long droppedCount() {
        return droppedCount;
    }

    private void trim(long nowNanos) {
        while (window.size() > replaySize) {
            window.removeFirst();
        }
        long maxAge = replayMaxAge.toNanos();
        while (!window.isEmpty() && nowNanos - window.peekFirst().atNanos() > maxAge) {
            window.removeFirst();
        }
    }

    /** Ends every subscription (their streams close); later subscribers are dropped at once. */
    @Override
    public synchronized void close() {
        closed = true;
        for (Subscription s : subscribers) {
            s.dropped = true;
            s.queue.clear();
            s.queue.offer(CLOSED);
        }
        subscribers.clear();
    }
}
