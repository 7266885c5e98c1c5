package org.gridlens.geodata.importing;

import java.util.Arrays;
import java.util.Locale;
import java.util.Set;

/**
 * The layers files can be imported into, each with its table (= dictionary layer), the field that
 * identifies a row across re-imports, the geometry family it accepts, and the fields it derives
 * itself (ignored in the file).
 */
public enum ImportLayer {
    INCIDENTS("incident", "source_id", true, Set.of("grid_code", "cell_id")),
    FACILITIES("facility", "code", true, Set.of()),
    CAMERAS("camera", "code", true, Set.of()),
    COMPONENTS("component", "code", true, Set.of()),
    BUILDINGS("building", "code", false, Set.of("grid_code")),
    REGIONS("region", "code", false, Set.of("area_m2"));

    private final String table;
    private final String keyField;
    private final boolean points;
    private final Set<String> derived;

    ImportLayer(String table, String keyField, boolean points, Set<String> derived) {
        this.table = table;
        this.keyField = keyField;
        this.points = points;
        this.derived = derived;
    }

    /** Accepts the plural ("incidents") or the table name ("incident"), case-insensitive. */
    public static ImportLayer parse(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(l -> l.urlName().equals(n) || l.table.equals(n)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown layer '" + name + "'; importable layers: "
                        + Arrays.stream(values()).map(ImportLayer::urlName).toList()));
    }

    public String urlName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public String table() {
        return table;
    }

    public String keyField() {
        return keyField;
    }

    /** True for point layers, false for polygon layers (stored as MultiPolygon). */
    public boolean points() {
        return points;
    }

    public Set<String> derived() {
        return derived;
    }
}
