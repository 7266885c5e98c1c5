package org.gridlens.server.live;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import org.gridlens.geodata.testing.RegionFixture;

/**
 * The test district ({@link RegionFixture}) plus four unit cells (one per grid), a building with two
 * households — HU-ALONE (an elderly resident living alone) and HU-FAMILY (nobody vulnerable) — and an
 * address A-0001 at HU-ALONE's door.
 */
public final class LiveFixture {

    public static final double LON = 101.805;
    public static final double LAT = 36.605;

    private LiveFixture() {
    }

    public static void insert(DataSource ds) throws SQLException {
        RegionFixture.insert(ds);
        try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
            s.execute("""
                    INSERT INTO unit_cell (id, code, district_code, col, row, size_m, grid_code, geom)
                    SELECT row_number() OVER (ORDER BY code), 'C' || code, '630102', row_number() OVER (ORDER BY code), 0, 100,
                           code, ST_GeometryN(geom, 1)
                    FROM region WHERE level = 'grid';
                    INSERT INTO building (code, district_code, use, floors, height_m, geom)
                    VALUES ('B-1', '630102', 'residential', 6, 18, ST_Multi(ST_MakeEnvelope(101.8049, 36.6049, 101.8051, 36.6051, 4326)));
                    INSERT INTO housing_unit (code, district_code, building_id, floor, unit_no, area_m2, use)
                    SELECT x, '630102', (SELECT id FROM building WHERE code = 'B-1'), 1, x, 60, 'residential'
                    FROM unnest(ARRAY['HU-ALONE', 'HU-FAMILY']) x;
                    INSERT INTO resident (pid, district_code, housing_unit_id, birth_year, sex, registration, elderly_living_alone)
                    SELECT 'P-1', '630102', id, 1940, 'F', 'registered', true FROM housing_unit WHERE code = 'HU-ALONE';
                    INSERT INTO resident (pid, district_code, housing_unit_id, birth_year, sex, registration)
                    SELECT 'P-2', '630102', id, 1985, 'M', 'registered' FROM housing_unit WHERE code = 'HU-FAMILY';
                    INSERT INTO address (code, district_code, full_text, building_id, housing_unit_id, geom)
                    SELECT 'A-0001', '630102', '东关大街 1 号 1 单元', building_id, id, ST_SetSRID(ST_MakePoint(101.805, 36.6051), 4326)
                    FROM housing_unit WHERE code = 'HU-ALONE';
                    """);
        }
    }
}
