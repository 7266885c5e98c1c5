package org.gridlens.server.events;

import io.javalin.http.Context;
import io.javalin.http.sse.SseClient;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
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
 * Events that are already queued when a client's thread wakes are written together with one flush
 * (at most {@value #BURST} at a time), so 50 displays at 2,000 events/s cost a few flushes per display
 * per second instead of 100,000 system calls; the order and ids are unchanged.
 */
public final class EventStreamController {

    static final int BURST = 256;

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

    /** Writes the events in SSE format and flushes once; false when the client has gone. */
    private static boolean write(SseClient client, List<ServerEvent> events) {
        StringBuilder sb = new StringBuilder(events.size() * 160);
        for (ServerEvent e : events) {
            sb.append("id: ").append(e.id()).append("\nevent: ").append(e.type()).append("\ndata: ").append(e.data())
                    .append("\n\n");
        }
        try {
            OutputStream out = client.ctx().res().getOutputStream();
            out.write(sb.toString().getBytes(StandardCharsets.UTF_8));
            out.flush();
            return true;
        } catch (IOException | RuntimeException gone) {
            return false;
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
