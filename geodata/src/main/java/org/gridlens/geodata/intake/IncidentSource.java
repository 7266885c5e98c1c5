package org.gridlens.geodata.intake;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** Who reported: the 12345 hotline system, grid workers' app, camera image analysis, residents' app. */
public enum IncidentSource {
    HOTLINE, GRID_WORKER, CAMERA, RESIDENT_APP;

    /** The name stored in {@code incident.source}. */
    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<IncidentSource> parse(String s) {
        return Arrays.stream(values()).filter(v -> v.code().equals(s)).findFirst();
    }
}
