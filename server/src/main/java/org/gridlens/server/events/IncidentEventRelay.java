package org.gridlens.server.events;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Turns the database's committed-incident notices ({@link org.gridlens.geodata.events.IncidentFeed})
 * into pushed events:
 * <pre>
 *   op insert      → incident.created / order.created      (kind service_order → order.*)
 *   op update      → incident.changed / order.changed
 *   op overdue     → case.overdue
 *   op escalated   → case.escalated
 *   op bulk_insert → incident.bulk {"op":"created", count, minId, maxId, bbox}   (statements of > 50 rows)
 *   op bulk_update → incident.bulk {"op":"changed", …}
 *   op resync      → reset          (the feed reconnected: notices may have been missed)
 * </pre>
 * Because every server listens to the same channel, every server pushes the same events.
 */
public final class IncidentEventRelay {

    private final EventHub hub;

    public IncidentEventRelay(EventHub hub) {
        this.hub = hub;
    }

    public void accept(JsonNode notice) {
        String op = notice.path("op").asText("");
        boolean order = "service_order".equals(notice.path("kind").asText());
        ObjectNode data = notice.deepCopy();
        data.remove("op");
        String type = switch (op) {
            case "insert" -> order ? "order.created" : "incident.created";
            case "update" -> order ? "order.changed" : "incident.changed";
            case "overdue" -> "case.overdue";
            case "escalated" -> "case.escalated";
            case "bulk_insert", "bulk_update" -> {
                data.put("op", op.equals("bulk_insert") ? "created" : "changed");
                yield "incident.bulk";
            }
            case "resync" -> {
                data.put("reason", "the server lost its database event feed for a moment; reload");
                yield "reset";
            }
            default -> null;
        };
        if (type != null) {
            hub.publish(type, data.toString());
        }
    }
}
