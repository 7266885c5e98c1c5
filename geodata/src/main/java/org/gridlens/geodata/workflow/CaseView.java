package org.gridlens.geodata.workflow;

import java.time.Instant;
import java.util.List;

/**
 * A case or service order as stored, with its stage log (oldest first).
 *
 * @param vulnerable service orders: the household has a resident living alone elderly or disabled
 * @param priority   service orders: urgency rank plus a bonus for vulnerable households (higher first)
 */
public record CaseView(long id, String source, String sourceId, String kind, String categoryCode, String status,
                       String description, double lon, double lat, String gridCode, Integer cellId, String dept,
                       Instant reportedAt, Instant acceptedAt, Instant registeredAt, Instant dispatchedAt,
                       Instant handledAt, Instant checkedAt, Instant closedAt, Instant evaluatedAt, Instant deadline,
                       Instant updatedAt, Instant overdueAnnouncedAt, Instant escalatedAt, String urgency,
                       boolean vulnerable, int priority, Integer rating, String photoUrl, List<CaseEvent> log) {

    public CaseView {
        log = List.copyOf(log);
    }

    /** True for a case still to be finished whose deadline has passed at {@code now}. */
    public boolean overdueAt(Instant now) {
        return closedAt == null && deadline != null && deadline.isBefore(now);
    }
}
