package org.gridlens.geodata.intake;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * The result for one report, in the order the reports were given.
 *
 * @param index       position of the report in its request (0 for a single report)
 * @param sourceId    the client's id, echoed (may be null when the report was too malformed to have one)
 * @param outcome     what happened
 * @param incidentId  the stored incident (accepted, duplicate, conflict), else null
 * @param kind        event, component or service_order (when stored)
 * @param status      current status (when stored)
 * @param gridCode    management grid assigned on insert, null outside every grid
 * @param cellId      unit cell assigned on insert, null outside every cell
 * @param acceptedAt  when the center accepted it (commit time of the insert)
 * @param reasons     why it was rejected or conflicts; empty otherwise
 */
public record IntakeResult(int index, String sourceId, IntakeOutcome outcome, Long incidentId, String kind, String status,
                           String gridCode, Integer cellId, Instant acceptedAt, List<String> reasons) {

    public IntakeResult {
        Objects.requireNonNull(outcome, "outcome");
        reasons = List.copyOf(reasons);
    }

    public static IntakeResult rejected(int index, String sourceId, List<String> reasons) {
        return new IntakeResult(index, sourceId, IntakeOutcome.REJECTED, null, null, null, null, null, null, reasons);
    }

    IntakeResult withOutcome(int newIndex, IntakeOutcome o, List<String> why) {
        return new IntakeResult(newIndex, sourceId, o, incidentId, kind, status, gridCode, cellId, acceptedAt, why);
    }
}
