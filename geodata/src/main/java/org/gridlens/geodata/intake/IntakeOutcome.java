package org.gridlens.geodata.intake;

import java.util.Locale;

/** What happened to one report. */
public enum IntakeOutcome {
    /** Newly stored (committed). */
    ACCEPTED,
    /** The same source id with the same payload was stored before; the original record is returned. */
    DUPLICATE,
    /** The same source id was stored before with a different payload; nothing written. */
    CONFLICT,
    /** Invalid; nothing written; the reasons say why. */
    REJECTED;

    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }
}
