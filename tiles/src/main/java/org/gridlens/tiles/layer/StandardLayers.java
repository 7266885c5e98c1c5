package org.gridlens.tiles.layer;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Definitions of the layers GridLens publishes out of the box.
 *
 * <p>Zoom bands follow what a reader can see: regions from z8 (simplified below z13), cells, parcels and
 * buildings only where they are at least a few pixels, incidents as counts per tile-aligned square
 * (z8-12) or per unit cell (z13-14) and as points only from z15, so a low-zoom tile never carries
 * thousands of raw points. Population is published per management grid only, with small counts
 * suppressed.
 */
final class StandardLayers {

    private StandardLayers() {
    }

    private static final Duration STATIC_TTL = Duration.ofHours(24);
    private static final Duration LIVE_TTL = Duration.ofMinutes(10);

    private static LayerField f(String name, String type, String description) {
        return new LayerField(name, name, type, description);
    }

    /**
     * A public base-map layer read by one SQL file named after it from {@code minZoom} to z22, changed only
     * through its table of the same name, with no reach beyond its features and a day's TTL.
     */
    private static LayerDefinition baseLayer(String id, String title, String description, String geometryType, int minZoom,
                                             LayerField... fields) {
        return new LayerDefinition(id, title, description, geometryType, List.of(fields), minZoom, 22,
                List.of(LayerBand.of(minZoom, 22, id + ".sql", Map.of())), Set.of(id), 0, false, false, STATIC_TTL,
                LayerAccess.PUBLIC);
    }

    /**
     * An analytic layer for signed-in readers, read by one SQL file named after it from {@code minZoom} to z22
     * out of the table its refresher materialises.
     */
    private static LayerDefinition analyticLayer(String id, String title, String description, String geometryType, int minZoom,
                                                 String table, Duration ttl, LayerField... fields) {
        return new LayerDefinition(id, title, description, geometryType, List.of(fields), minZoom, 22,
                List.of(LayerBand.of(minZoom, 22, id + ".sql", Map.of())), Set.of(table), 0, false, false, ttl);
    }

    private static LayerDefinition region(String level, String parent, String title, String description, int minZoom) {
        List<LayerField> fields = new ArrayList<>(List.of(
                f("code", "string", "Region code: district(6) + subdistrict(3) + community(3) + grid sequence(3)"),
                f("name", "string", "Chinese name"),
                f("name_en", "string", "Name in Latin letters"),
                f("area_m2", "number", "Area in square metres (EPSG:4543)")));
        if (!parent.equals("parent")) {
            fields.add(f(parent, "string", "Code of the " + parent + " the region belongs to"));
        }
        return new LayerDefinition(level, title, description, "polygon", fields, minZoom, 22,
                List.of(LayerBand.of(minZoom, 22, "region.sql", Map.of("level", level, "parent", parent))),
                Set.of("region"), 0, false, false, STATIC_TTL, LayerAccess.PUBLIC);
    }

    static final LayerDefinition DISTRICT = region("district", "parent", "区 District",
            "The district outline.", 6);
    static final LayerDefinition SUBDISTRICT = region("subdistrict", "district", "街道 Subdistricts",
            "Subdistricts (街道) with code and name.", 8);
    static final LayerDefinition COMMUNITY = region("community", "subdistrict", "社区 Communities",
            "Communities (社区) with code and name.", 8);
    static final LayerDefinition GRID = region("grid", "community", "管理网格 Management grids",
            "Management grids (网格), the smallest administrative unit of grid management, with code and name.", 8);

    static final LayerDefinition UNIT_CELL = baseLayer("unit_cell", "单元网格 Unit cells",
            "Regular 100 m analysis cells (万米单元网格).", "polygon", 13,
            f("code", "string", "Cell code"), f("grid", "string", "Code of the management grid holding the cell centre"),
            f("size_m", "number", "Cell side in metres"));

    static final LayerDefinition PARCEL = baseLayer("parcel", "地块 Parcels",
            "Land parcels with land use and optional vertical extent.", "polygon", 13,
            f("code", "string", "Parcel code"), f("land_use", "string", "Land use class"),
            f("z_min", "number", "Lower bound of a strata parcel, metres (absent when unbounded)"),
            f("z_max", "number", "Upper bound of a strata parcel, metres (absent when unbounded)"));

    static final LayerDefinition BUILDING = baseLayer("building", "建筑 Buildings",
            "Building footprints with height, base elevation and floors for 3D extrusion.", "polygon", 14,
            f("code", "string", "Building code"), f("use", "string", "Building use"),
            f("floors", "number", "Number of floors above ground"),
            f("height", "number", "Height of the building in metres (extrusion height)"),
            f("min_height", "number", "Base elevation in metres (extrusion base)"),
            f("year", "number", "Year built (absent when unknown)"));

    private static final List<LayerField> INCIDENT_FIELDS = List.of(
            f("agg", "string", "What a feature stands for: 'point' (one incident), 'cell' (a unit cell's count, id = cell id) or 'square' (a tile-aligned square's count)"),
            f("count", "number", "Number of incidents the feature stands for under the request's filters"),
            f("category", "string", "Category code (points only)"),
            f("status", "string", "Case status (points only)"),
            f("source", "string", "Where the report came from (points only)"),
            f("kind", "string", "event, component or service_order (points only)"),
            f("reported_at", "string", "Report time, ISO 8601 in Asia/Shanghai (points only)"));

    static final LayerDefinition INCIDENT = new LayerDefinition("incident", "事件 Incidents",
            "Incidents: counts per tile square (z8-12) or per unit cell (z13-14), single incidents from z15.", "point",
            INCIDENT_FIELDS, 8, 22,
            List.of(LayerBand.of(8, 12, "incident_square.sql", Map.of()),
                    LayerBand.of(13, 14, "incident_cell.sql", Map.of()),
                    LayerBand.of(15, 22, "incident_point.sql", Map.of())),
            Set.of("incident"), 0, false, true, LIVE_TTL);

    static final LayerDefinition HEAT = new LayerDefinition("heat", "热力 Incident heat",
            "Incident density per tile square (z8-12) or unit cell (z13+), normalised over the whole district.", "polygon",
            List.of(f("count", "number", "Incidents in the square or cell under the request's filters"),
                    f("value", "number", "count divided by the largest count of any square or cell of the district at this zoom (0..1)"),
                    f("class", "number", "Colour class 1..5: equal fifths of value")),
            8, 22,
            List.of(LayerBand.normalised(8, 12, "heat_square.sql", "heat_max_square.sql"),
                    LayerBand.normalised(13, 22, "heat_cell.sql", "heat_max_cell.sql")),
            Set.of("incident"), 0, true, true, LIVE_TTL);

    private static final List<LayerField> CAMERA_FIELDS = List.of(
            f("code", "string", "Camera code"), f("heading", "number", "Heading, degrees clockwise from north"),
            f("fov", "number", "Horizontal field of view, degrees"), f("range_m", "number", "Useful range in metres"));

    static final LayerDefinition CAMERA = new LayerDefinition("camera", "摄像头 Cameras",
            "Camera positions.", "point", CAMERA_FIELDS, 13, 22,
            List.of(LayerBand.of(13, 22, "camera.sql", Map.of())), Set.of("camera"), 0, false, false, STATIC_TTL);

    static final LayerDefinition CAMERA_SECTOR = new LayerDefinition("camera_sector", "摄像头视域 Camera view sectors",
            "What each camera sees: a sector of its heading, field of view and range (feature id = camera id).", "polygon",
            CAMERA_FIELDS, 14, 22,
            List.of(LayerBand.of(14, 22, "camera_sector.sql", Map.of())), Set.of("camera"), 1000, false, false, STATIC_TTL);

    static final LayerDefinition FACILITY = baseLayer("facility", "服务设施 Facilities",
            "Service facilities (elderly day care, clinics, schools, ...).", "point", 12,
            f("code", "string", "Facility code"), f("name", "string", "Facility name"), f("type", "string", "Facility type"),
            f("capacity", "number", "Capacity (absent when unknown)"), f("radius_m", "number", "Service radius of the type, metres"));

    static final LayerDefinition FACILITY_AREA = new LayerDefinition("facility_area", "服务范围 Facility service areas",
            "Service-radius circles on the ground around each facility (feature id = facility id).", "polygon",
            List.of(f("code", "string", "Facility code"), f("name", "string", "Facility name"), f("type", "string", "Facility type"),
                    f("radius_m", "number", "Service radius of the type, metres")),
            12, 22, List.of(LayerBand.of(12, 22, "facility_area.sql", Map.of())), Set.of("facility"), 1000, false, false, STATIC_TTL, LayerAccess.PUBLIC);

    static final LayerDefinition COMPONENT = baseLayer("component", "城市部件 City components",
            "City components (部件) with class code and status.", "point", 15,
            f("code", "string", "Component code"), f("category", "string", "Component class code"),
            f("status", "string", "normal, damaged, missing or removed"));

    static final LayerDefinition POPULATION = new LayerDefinition("population", "人口 Population",
            "Residents per management grid; counts 1-4 (residents) and 1-9 (vulnerable groups) are suppressed (absent).", "polygon",
            List.of(f("code", "string", "Grid code"), f("name", "string", "Grid name"),
                    f("residents", "number", "Registered and floating residents (absent when 1-4)"),
                    f("elderly_alone", "number", "Elderly living alone (absent when 1-9)"),
                    f("disabled", "number", "Residents with a disability (absent when 1-9)"),
                    f("low_income", "number", "Low-income residents (absent when 1-9)")),
            10, 22, List.of(LayerBand.of(10, 22, "population.sql", Map.of())),
            Set.of("resident", "housing_unit", "building", "region"), 3000, false, false, STATIC_TTL);

    static final LayerDefinition HOUSEHOLD = new LayerDefinition("household", "住户 Households (person-level)",
            "Each inhabited housing unit with its residents' counts and flags, at its building; person-level data, "
                    + "only for roles with person-level access, every tile read is audited.", "point",
            List.of(f("unit", "string", "Housing unit code"), f("building", "string", "Building code"),
                    f("floor", "number", "Floor of the unit"), f("residents", "number", "Residents of the unit (unsuppressed)"),
                    f("elderly_alone", "number", "Elderly residents living alone"), f("disabled", "number", "Residents with a disability"),
                    f("low_income", "number", "Low-income residents"), f("floating", "number", "Residents not registered here"),
                    f("needs", "string", "Declared needs of the unit's residents, comma-separated")),
            16, 22, List.of(LayerBand.of(16, 22, "household.sql", Map.of())),
            Set.of("resident", "housing_unit", "building"), 0, false, false, STATIC_TTL, LayerAccess.PERSONAL);

    // Analytic layers: results at the analytics defaults, materialised by
    // geodata.analytics.layer.AnalyticLayerRefresher; a refresh announces its table on the change feed
    // without a bbox, which drops every cached tile of the layer.

    static final LayerDefinition HOTSPOT = analyticLayer("hotspot", "热点 Gi* hot spots",
            "Getis-Ord Gi* hot and cold spots per unit cell over the last 365 days with incidents (FDR-corrected "
                    + "bins; cells without significance are not drawn).", "polygon", 11, "analytic_hotspot_cell", LIVE_TTL,
            f("gi_bin", "number", "Confidence bin: 3/2/1 hot spot at 99/95/90 %, -1/-2/-3 cold spot"),
            f("gi_z", "number", "Gi* z-score"), f("gi_p", "number", "Two-sided p-value"),
            f("count", "number", "Incidents in the cell in the window"));

    static final LayerDefinition HOTAREA = analyticLayer("hotarea", "高发区域 Hot areas",
            "Hot areas of repeated incidents of one category (defaults: 10 within 150 m in 90 days) over the last 365 days "
                    + "with incidents; feature id = area id.", "polygon", 10, "analytic_hotarea", LIVE_TTL,
            f("rank", "number", "Rank by incident count, 1 = most"), f("category", "string", "Category code"),
            f("grid", "string", "Grid of the area's centre"), f("incidents", "number", "Incidents in the area"),
            f("first", "string", "First local day, yyyy-MM-dd"), f("last", "string", "Last local day, yyyy-MM-dd"),
            f("open_share", "number", "Share of the area's incidents still open (0..1)"),
            f("trend", "string", "Mann-Kendall trend of weekly counts: increasing, decreasing or none"));

    private static LayerField share(String type, int reach, String group) {
        return f(type, "number", "Share of " + group + " within " + reach + " m of a " + type.replace('_', ' ')
                + " facility (absent when withheld by small-count suppression)");
    }

    static final LayerDefinition COVERAGE = analyticLayer("coverage", "设施覆盖 Facility coverage",
            "Facility coverage per management grid: for each facility type the share of its target group within the type's "
                    + "default reach (GB 50180 life circles), by walking network when roads are recorded, else straight line.",
            "polygon", 8, "analytic_coverage_grid", STATIC_TTL,
            f("code", "string", "Grid code"), f("name", "string", "Grid name"),
            f("reach_mode", "string", "straight_line or walking_network"),
            f("min_share", "number", "Lowest published share of the grid over all facility types"),
            share("elderly_day_care", 300, "residents aged 65+"), share("community_health", 1000, "all residents"),
            share("kindergarten", 300, "children aged 0-5"), share("primary_school", 500, "children aged 6-11"),
            share("middle_school", 1000, "children aged 12-14"), share("community_service", 300, "all residents"),
            share("market", 500, "all residents"), share("sports", 1000, "all residents"));

    static final LayerDefinition BLIND_SPOT = analyticLayer("blind_spot", "监控盲区 Camera blind spots",
            "The part of each management grid outside every camera view sector (feature id = the grid's region id).",
            "polygon", 11, "analytic_camera_grid", STATIC_TTL,
            f("grid", "string", "Grid code"), f("cameras", "number", "Cameras whose view sector reaches into the grid"),
            f("area_share", "number", "Share of the grid's area inside view sectors (0..1)"),
            f("road_share", "number", "Share of the grid's road length inside view sectors (absent without roads)"),
            f("blind_m2", "number", "Blind area of the grid, square metres"));

    static List<LayerDefinition> all() {
        return List.of(DISTRICT, SUBDISTRICT, COMMUNITY, GRID, UNIT_CELL, PARCEL, BUILDING, INCIDENT, HEAT,
                CAMERA, CAMERA_SECTOR, FACILITY, FACILITY_AREA, COMPONENT, POPULATION, HOUSEHOLD, HOTSPOT, HOTAREA, COVERAGE,
                BLIND_SPOT);
    }
}
