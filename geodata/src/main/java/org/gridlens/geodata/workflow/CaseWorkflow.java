package org.gridlens.geodata.workflow;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The transition table of cases and service orders: for each stage, which kinds of record it applies
 * to, from which statuses, to which status, and which stage-time columns it stamps. Pure rules, no
 * database; {@link CaseRepository} applies them under a row lock.
 *
 * <pre>
 *   stage      kinds                  from              to          stamps
 *   register   event, component       reported          registered  registered_at (+ deadline)
 *   dispatch   event, component       registered        dispatched  dispatched_at (needs dept)
 *   send_back  event, component       dispatched        registered  –             (needs note)
 *   extend     event, component       dispatched        dispatched  –             (needs note; deadline +)
 *   handle     event, component       dispatched        handled     handled_at
 *   rework     event, component       handled           dispatched  –             (check failed)
 *   check      event, component       handled           checked     checked_at
 *   close      event, component       checked           closed      closed_at
 *   evaluate   event, component       closed            evaluated   evaluated_at
 *   take       service_order          reported          taken       dispatched_at (needs dept = agency)
 *   complete   service_order          taken             completed   handled_at, closed_at
 *   rate       service_order          completed         rated       evaluated_at  (needs rating)
 *   reject     all                    reported          rejected    closed_at     (needs note)
 * </pre>
 */
public final class CaseWorkflow {

    /** One row of the table. {@code to} null keeps the status. */
    public record Rule(Set<String> kinds, Set<String> from, String to, List<String> stamps) {
    }

    private static final Set<String> CASES = Set.of("event", "component");
    private static final Set<String> ORDERS = Set.of("service_order");
    private static final Map<CaseStage, Rule> TABLE = new EnumMap<>(CaseStage.class);

    static {
        TABLE.put(CaseStage.REGISTER, new Rule(CASES, Set.of("reported"), "registered", List.of("registered_at")));
        TABLE.put(CaseStage.DISPATCH, new Rule(CASES, Set.of("registered"), "dispatched", List.of("dispatched_at")));
        TABLE.put(CaseStage.SEND_BACK, new Rule(CASES, Set.of("dispatched"), "registered", List.of()));
        TABLE.put(CaseStage.EXTEND, new Rule(CASES, Set.of("dispatched"), null, List.of()));
        TABLE.put(CaseStage.HANDLE, new Rule(CASES, Set.of("dispatched"), "handled", List.of("handled_at")));
        TABLE.put(CaseStage.REWORK, new Rule(CASES, Set.of("handled"), "dispatched", List.of()));
        TABLE.put(CaseStage.CHECK, new Rule(CASES, Set.of("handled"), "checked", List.of("checked_at")));
        TABLE.put(CaseStage.CLOSE, new Rule(CASES, Set.of("checked"), "closed", List.of("closed_at")));
        TABLE.put(CaseStage.EVALUATE, new Rule(CASES, Set.of("closed"), "evaluated", List.of("evaluated_at")));
        TABLE.put(CaseStage.TAKE, new Rule(ORDERS, Set.of("reported"), "taken", List.of("dispatched_at")));
        TABLE.put(CaseStage.COMPLETE, new Rule(ORDERS, Set.of("taken"), "completed", List.of("handled_at", "closed_at")));
        TABLE.put(CaseStage.RATE, new Rule(ORDERS, Set.of("completed"), "rated", List.of("evaluated_at")));
        TABLE.put(CaseStage.REJECT, new Rule(Set.of("event", "component", "service_order"), Set.of("reported"), "rejected",
                List.of("closed_at")));
    }

    /** Statuses after which nothing but evaluation/rating may happen. */
    public static final Set<String> FINISHED = Set.of("closed", "evaluated", "rejected", "completed", "rated");

    private CaseWorkflow() {
    }

    public static Rule rule(CaseStage stage) {
        Rule r = TABLE.get(stage);
        if (r == null) {
            throw new IllegalArgumentException("stage " + stage.code() + " is not a transition");
        }
        return r;
    }

    /** Why {@code request} may not happen to a record of {@code kind} in {@code status}; empty if it may. */
    public static Optional<String> refusal(String kind, String status, TransitionRequest request) {
        CaseStage stage = request.stage();
        Rule r = TABLE.get(stage);
        if (r == null) {
            return Optional.of("'" + stage.code() + "' is not a transition");
        }
        if (!r.kinds().contains(kind)) {
            return Optional.of("'" + stage.code() + "' does not apply to a " + kind.replace('_', ' ')
                    + (kind.equals("service_order") ? " (orders: take, complete, rate, reject)"
                    : " (cases: register, dispatch, handle, extend, send_back, check, rework, close, evaluate, reject)"));
        }
        if (!r.from().contains(status)) {
            String finished = FINISHED.contains(status) ? "the case is already " + status + "; " : "";
            return Optional.of("cannot " + stage.code().replace('_', ' ') + " a " + kind.replace('_', ' ') + " in status '"
                    + status + "': " + finished + "'" + stage.code() + "' needs status " + String.join(" or ", r.from()));
        }
        if ((stage == CaseStage.DISPATCH || stage == CaseStage.TAKE) && request.dept() == null) {
            return Optional.of("'" + stage.code() + "' needs dept (the responsible "
                    + (stage == CaseStage.TAKE ? "agency" : "department") + ")");
        }
        if ((stage == CaseStage.EXTEND || stage == CaseStage.SEND_BACK || stage == CaseStage.REJECT)
                && (request.note() == null || request.note().isBlank())) {
            return Optional.of("'" + stage.code() + "' needs a note giving the reason");
        }
        if (stage == CaseStage.RATE && request.rating() == null) {
            return Optional.of("'rate' needs a rating from 1 to 5");
        }
        return Optional.empty();
    }
}
