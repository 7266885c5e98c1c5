package org.gridlens.geodata.workflow;

import java.util.Objects;

/**
 * A request to move a case one stage on.
 *
 * @param stage    the stage to record
 * @param actor    who acts (operator id, department, agency); 1–100 characters
 * @param dept     responsible department (dispatch) or agency (take); else null
 * @param note     free text (required for extend and send_back: the reason); at most 2000 characters
 * @param hours    extend: hours added to the deadline (1–720; default the category's time limit)
 * @param rating   rate / evaluate: satisfaction 1–5
 * @param category register: a corrected minor-class code of the same kind, else null
 */
public record TransitionRequest(CaseStage stage, String actor, String dept, String note, Integer hours, Integer rating,
                                String category) {

    public TransitionRequest {
        Objects.requireNonNull(stage, "stage");
        if (stage == CaseStage.REPORT) {
            throw new IllegalArgumentException("'report' is recorded by intake, not requested");
        }
        if (actor == null || actor.isBlank() || actor.length() > 100) {
            throw new IllegalArgumentException("actor must have 1 to 100 characters");
        }
        if (dept != null && (dept.isBlank() || dept.length() > 200)) {
            throw new IllegalArgumentException("dept must have 1 to 200 characters");
        }
        if (note != null && note.length() > 2000) {
            throw new IllegalArgumentException("note must have at most 2000 characters");
        }
        if (hours != null && (hours < 1 || hours > 720)) {
            throw new IllegalArgumentException("hours must lie between 1 and 720");
        }
        if (rating != null && (rating < 1 || rating > 5)) {
            throw new IllegalArgumentException("rating must lie between 1 and 5");
        }
    }

    public static TransitionRequest of(CaseStage stage, String actor) {
        return new TransitionRequest(stage, actor, null, null, null, null, null);
    }
}
