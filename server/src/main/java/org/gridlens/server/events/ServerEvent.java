package org.gridlens.server.events;

/**
 * One pushed event.
 *
 * @param id      increasing id, unique within a server's run and larger than any id of its earlier runs
 * @param type    SSE event name (incident.created, case.overdue, layer.changed, reset …)
 * @param data    one-line JSON
 * @param atNanos {@link System#nanoTime()} when published (replay age and latency measurements)
 */
public record ServerEvent(long id, String type, String data, long atNanos) {

    public ServerEvent {
        if (type == null || type.isBlank() || type.contains("\n")) {
            throw new IllegalArgumentException("event type must be one non-blank line");
        }
        if (data == null || data.contains("\n") || data.contains("\r")) {
            throw new IllegalArgumentException("event data must be one line");
        }
    }
}
