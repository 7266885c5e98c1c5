package org.gridlens.geodata.workflow;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * A step in a case's life, as written to the append-only {@code case_event} log. Events and component
 * faults: report → register → dispatch → handle (extend, send_back) → check (rework) → close → evaluate,
 * or reject. Service orders: report → take → complete → rate, or reject.
 */
public enum CaseStage {
    REPORT, REGISTER, DISPATCH, HANDLE, EXTEND, SEND_BACK, CHECK, REWORK, CLOSE, EVALUATE, REJECT, TAKE, COMPLETE, RATE;

    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<CaseStage> parse(String s) {
        return Arrays.stream(values()).filter(v -> v.code().equals(s)).findFirst();
    }
}
