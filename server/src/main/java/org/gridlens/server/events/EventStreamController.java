package org.gridlens.server.events;

import io.javalin.http.Context;
import io.javalin.http.sse.SseClient;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.gridlens.server.http.ApiErrors;

/**
 * {@code GET /api/events}: the Server-Sent Events stream of the displays.
 *
 * <p>A client resuming after a disconnect sends the last id it saw ({@code Last-Event-ID} header, as
 * EventSource does by itself, or {@code ?lastEventId=}); it first gets the events it missed, or one
 * {@code reset} event when they are no longer in the window. Idle streams get a heartbeat comment every
 * {@code events.heartbeat-ms}. Each client is served by its own thread, blocked on its bounded queue;
 * a client that cannot keep up is disconnected rather than allowed to grow the server's memory.
 * A client's thread, woken by an event, gathers for {@value #LINGER_MS} ms and then writes what is
 * queued (at most {@value #BURST} events) with one flush, each event's wire form built once for all
 * clients ({@link ServerEvent#frame()}), so 50 displays at 2,000 events/s cost about 20 flushes per
 * display per second instead of 100,000 system calls; the order and ids are unchanged.
 */
public final class EventStreamController {

    static final int BURST = 256;
    /** How long a display's thread gathers events after the first one before it writes them. */
    static final long LINGER_MS = 50;

    private final EventHub hub;
    private final Duration heartbeat;
    private final int maxClients;
    private final AtomicInteger clients = new AtomicInteger();

    public EventStreamController(EventHub hub, Duration heartbeat, int maxClients) {
        this.hub = hub;
        this.heartbeat = heartbeat;
        this.maxClients = maxClients;
    }

    /** Refuses before the stream opens: too many clients, or a malformed last id. */
    public void admit(Context ctx) {
        lastEventId(ctx);
        if (clients.get() >= maxClients) {
            ApiErrors.unavailable(ctx, "too many event-stream clients; try again shortly");
            ctx.skipRemainingHandlers();
        }
    }

    public void stream(SseClient client) {
        Long last = lastEventId(client.ctx());
        clients.incrementAndGet();
        EventHub.Subscription sub = hub.subscribe(last);
        try {
            client.sendComment("connected; last event id " + hub.lastId());
            if (sub.reset()) {
                client.sendEvent("reset", "{\"reason\":\"events after id " + last
                        + " are no longer kept; reload the current state\"}", String.valueOf(hub.lastId()));
            }
            for (ServerEvent e : sub.replay()) {
                client.sendEvent(e.type(), e.data(), String.valueOf(e.id()));
            }
            List<ServerEvent> burst = new ArrayList<>(BURST);
            while (!client.terminated() && !sub.dropped()) {
                ServerEvent e = sub.next(heartbeat);
                if (e != null) {
                    burst.clear();
                    burst.add(e);
                    linger(e);
                    sub.drainReady(burst, BURST - 1);
                    if (!write(client, burst)) {
                        break;
                    }
                } else if (!sub.dropped()) {
                    client.sendComment("heartbeat");
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            hub.unsubscribe(sub);
            clients.decrementAndGet();
            client.close();
        }
    }

    /** Writes the events' prebuilt SSE frames and flushes once; false when the client has gone. */
    private static boolean write(SseClient client, List<ServerEvent> events) {
        try {
            OutputStream out = client.ctx().res().getOutputStream();
            for (ServerEvent e : events) {
                out.write(e.frame());
            }
            out.flush();
            return true;
        } catch (IOException | RuntimeException gone) {
            return false;
        }
    }

    /**
     * Waits until the first event of a burst is {@value #LINGER_MS} ms old, so the events published
     * meanwhile go out with it in one write and one flush. Without it each display's thread woke, wrote
     * and flushed once per event: at 2,000 events/s and 50 displays that is 100,000 wake-ups and system
     * calls per second, which on a small server takes the CPU that intake needs. The delay is bounded
     * (at most {@value #LINGER_MS} ms added to an event's latency, far inside the 1 s goal) and an event
     * already older than that (a display catching up) is written at once.
     */
    private static void linger(ServerEvent first) throws InterruptedException {
        long wait = first.atNanos() + LINGER_MS * 1_000_000L - System.nanoTime();
        if (wait > 0) {
            Thread.sleep(wait / 1_000_000L, (int) (wait % 1_000_000L));
        }
    }

    private static Long lastEventId(Context ctx) {
        String s = ctx.header("Last-Event-ID");
        if (s == null || s.isBlank()) {
            s = ctx.queryParam("lastEventId");
        }
        if (s == null || s.isBlank()) {
            return null;
        }
        try {
            return Long.parseLong(s.trim());
        } catch (NumberFormatException e) {
            throw new io.javalin.http.BadRequestResponse("Last-Event-ID must be an event id (a whole number)");
        }
    }
}
