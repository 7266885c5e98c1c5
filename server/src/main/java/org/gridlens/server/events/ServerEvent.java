package org.gridlens.server.events;

import java.nio.charset.StandardCharsets;

/**
 * One pushed event.
 *
 * @param id      increasing id, unique within a server's run and larger than any id of its earlier runs
 * @param type    SSE event name (incident.created, case.overdue, layer.changed, reset …)
 * @param data    one-line JSON
 * @param atNanos {@link System#nanoTime()} when published (replay age and latency measurements)
 * @param frame   the event in SSE wire form ({@code id:}, {@code event:}, {@code data:} lines and the blank
 *                line), UTF-8, built once when the event is made: every display's stream writes these same
 *                bytes, so 50 displays cost one serialisation, not 50. Shared: callers must not modify it.
 */
public record ServerEvent(long id, String type, String data, long atNanos, byte[] frame) {

    public ServerEvent {
        if (type == null || type.isBlank() || type.contains("\n")) {
            throw new IllegalArgumentException("event type must be one non-blank line");
        }
        if (data == null || data.contains("\n") || data.contains("\r")) {
            throw new IllegalArgumentException("event data must be one line");
        }
        if (frame == null) {
            throw new IllegalArgumentException("event frame is required (use the four-argument constructor)");
        }
    }

    /** An event whose wire form is built from its id, type and data. */
    public ServerEvent(long id, String type, String data, long atNanos) {
        this(id, type, data, atNanos, frame(id, type, data));
    }

    private static byte[] frame(long id, String type, String data) {
        if (type == null || data == null) {
            return null; // the canonical constructor refuses it with the reason
        }
        return ("id: " + id + "\nevent: " + type + "\ndata: " + data + "\n\n").getBytes(StandardCharsets.UTF_8);
    }
}
