package org.gridlens.server.events;

import io.javalin.http.Context;
import io.javalin.http.sse.SseClient;
import java.time.Duration;
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
 */
public final class EventStreamController {

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
            while (!client.terminated() && !sub.dropped()) {
                ServerEvent e = sub.next(heartbeat);
                if (e != null) {
                    client.sendEvent(e.type(), e.data(), String.valueOf(e.id()));
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
