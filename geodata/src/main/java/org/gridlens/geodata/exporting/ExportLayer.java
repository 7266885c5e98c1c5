package org.gridlens.geodata.exporting;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * The layers that may leave the server (exports and OGC API – Features): public layers only. Residents,
 * housing units and addresses are person-level or internal and are deliberately absent.
 */
public enum ExportLayer {
    INCIDENTS("incident", "reported_at", "事件", "Incidents (events, component faults, service orders)"),
    FACILITIES("facility", null, "服务设施", "Service facilities"),
    CAMERAS("camera", null, "视频监控", "Cameras"),
    COMPONENTS("component", null, "城市部件", "City components"),
    BUILDINGS("building", null, "建筑", "Buildings (footprints)"),
    PARCELS("parcel", null, "宗地", "Parcels"),
    REGIONS("region", null, "行政区划与网格", "Regions down to management grids"),
    UNIT_CELLS("unit_cell", null, "单元网格", "Unit cells");

    private final String table;
    private final String timeColumn;
    private final String titleZh;
    private final String title;

    ExportLayer(String table, String timeColumn, String titleZh, String title) {
        this.table = table;
        this.timeColumn = timeColumn;
        this.titleZh = titleZh;
        this.title = title;
    }

    public static Optional<ExportLayer> find(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(l -> l.id().equals(n) || l.table.equals(n)).findFirst();
    }

    /** URL id, e.g. {@code incidents}. */
    public String id() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public String table() {
        return table;
    }

    /** The column filtered by a time window, or null when the layer has no time. */
    public String timeColumn() {
        return timeColumn;
    }

    public String title() {
        return titleZh + " / " + title;
    }
}
