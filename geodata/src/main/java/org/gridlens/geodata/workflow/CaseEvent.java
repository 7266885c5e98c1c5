package org.gridlens.geodata.workflow;

import java.time.Instant;

/** One row of the append-only stage log. */
public record CaseEvent(long id, String stage, Instant at, String actor, String dept, String note) {
}
