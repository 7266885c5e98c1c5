package org.gridlens.geodata.demo;

import java.util.List;

/**
 * The tables the demo fills, in load (and checksum) order, with the non-generated columns it COPYs.
 * Generated columns (geom_3857, area_m2, sector) are never listed; region ids are identity-generated.
 */
public enum DemoTable {
    REGION("region", "code, district_code, level, parent_code, name, name_en, geom"),
    UNIT_CELL("unit_cell", "id, code, district_code, col, row, size_m, grid_code, geom"),
    PARCEL("parcel", "id, code, district_code, land_use, z_min, z_max, geom"),
    BUILDING("building", "id, code, district_code, parcel_id, grid_code, use, floors, height_m, base_elev_m, year_built, geom"),
    HOUSING_UNIT("housing_unit", "id, code, district_code, building_id, floor, unit_no, area_m2, use"),
    RESIDENT("resident", "id, pid, district_code, housing_unit_id, birth_year, sex, registration, "
            + "elderly_living_alone, disabled, low_income, needs"),
    ADDRESS("address", "id, code, district_code, full_text, building_id, housing_unit_id, geom"),
    COMPONENT("component", "id, code, district_code, category_code, status, geom"),
    CAMERA("camera", "id, code, district_code, heading_deg, fov_deg, range_m, geom"),
    FACILITY("facility", "id, code, district_code, type, name, capacity, geom"),
    INCIDENT("incident", "id, district_code, source, source_id, kind, category_code, description, address_id, "
            + "reported_at, accepted_at, registered_at, dispatched_at, handled_at, checked_at, closed_at, "
            + "evaluated_at, deadline, status, grid_code, cell_id, geom"),
    CASE_EVENT("case_event", "id, district_code, incident_id, stage, at, actor, dept, note"),
    DEMO_TRUTH("demo_truth", "id, kind, category_code, center, radius_m, start_day, end_day, expected_count, note");

    private final String tableName;
    private final String columns;

    DemoTable(String tableName, String columns) {
        this.tableName = tableName;
        this.columns = columns;
    }

    public String tableName() {
        return tableName;
    }

    /** The COPY statement for this table (text format, tab-separated, \N for NULL). */
    public String copySql() {
        return "COPY " + tableName + " (" + columns + ") FROM STDIN";
    }

    /** Tables whose id column is an identity the loader must move past the loaded ids. */
    public static List<DemoTable> withExplicitIds() {
        return List.of(PARCEL, BUILDING, HOUSING_UNIT, RESIDENT, ADDRESS, COMPONENT, CAMERA, FACILITY, INCIDENT, CASE_EVENT);
    }
}
