package org.gridlens.geodata.workflow;

/** The transition table does not allow the request in the case's current status; nothing was written. */
public final class TransitionRefusedException extends RuntimeException {
    public TransitionRefusedException(String reason) {
        super(reason);
    }
}
