package org.gridlens.tiles.testing;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import org.gridlens.geodata.testing.RegionFixture;

/**
 * A small, fixed district for tile tests, built in code on top of {@link RegionFixture}: a 20 x 20
 * lattice of unit cells (0.001 degree squares), parcels and buildings (one sub-pixel, one huge, one with
 * hostile text), 40 incidents with known categories, statuses, sources and days, two cameras, two
 * facilities, three components, and residents in two grids chosen to exercise small-count suppression.
 */
public final class TileFixture {

    private TileFixture() {
    }

    public static void insert(DataSource ds) throws SQLException {
        RegionFixture.insert(ds);
        try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
            c.setAutoCommit(false);
            s.execute("""
                    INSERT INTO unit_cell (id, code, district_code, col, row, size_m, grid_code, geom)
                    SELECT r * 20 + q + 1, 'C' || lpad((r * 20 + q + 1)::text, 4, '0'), '630102', q, r, 100,
                           (SELECT code FROM region g WHERE g.level = 'grid'
                              AND ST_Intersects(g.geom, ST_Centroid(ST_MakeEnvelope(101.80 + q * 0.001, 36.60 + r * 0.001,
                                                 101.80 + (q + 1) * 0.001, 36.60 + (r + 1) * 0.001, 4326)))
                            ORDER BY code LIMIT 1),
                           ST_MakeEnvelope(101.80 + q * 0.001, 36.60 + r * 0.001, 101.80 + (q + 1) * 0.001, 36.60 + (r + 1) * 0.001, 4326)
                    FROM generate_series(0, 19) q, generate_series(0, 19) r
                    """);
            s.execute("""
                    INSERT INTO parcel (id, code, district_code, land_use, z_min, z_max, geom) VALUES
                      (1, 'P1', '630102', 'residential', NULL, NULL, ST_Multi(ST_MakeEnvelope(101.803, 36.603, 101.806, 36.606, 4326))),
                      (2, 'P-tiny', '630102', 'road', NULL, NULL, ST_Multi(ST_MakeEnvelope(101.8101, 36.6101, 101.81010001, 36.61010001, 4326))),
                      (3, 'P-huge', '630102', 'water', -5, 0, ST_Multi(ST_MakeEnvelope(100.0, 35.0, 103.5, 38.0, 4326)))
                    """);
            s.execute("""
                    INSERT INTO building (id, code, district_code, parcel_id, grid_code, use, floors, height_m, base_elev_m, year_built, geom) VALUES
                      (1, 'B1', '630102', 1, '630102001001003', 'residential', 6, 18.5, 2230, 1998,
                       ST_Multi(ST_MakeEnvelope(101.8035, 36.6035, 101.8045, 36.6045, 4326))),
                      (2, 'B2', '630102', 1, '630102001001003', '商业 "mall" \\ 🏬', 33, 999.5, 0, NULL,
                       ST_Multi(ST_MakeEnvelope(101.8050, 36.6040, 101.8055, 36.6045, 4326))),
                      (3, 'B3', '630102', NULL, '630102001001002', 'garage', 1, 3, 0, 2020,
                       ST_Multi(ST_MakeEnvelope(101.8150, 36.6150, 101.81500002, 36.61500002, 4326)))
                    """);
            // 40 incidents: cell centres of a diagonal, two categories, statuses and sources alternating.
            s.execute("""
                    INSERT INTO incident (district_code, source, source_id, kind, category_code, reported_at, status, geom)
                    SELECT '630102', (ARRAY['hotline','grid_worker','camera','resident_app'])[1 + i % 4], 'S' || i, 'event',
                           CASE WHEN i % 3 = 0 THEN '0102' ELSE '0101' END,
                           timestamptz '2026-01-01 10:00+08' + (i || ' days')::interval,
                           CASE WHEN i % 2 = 0 THEN 'closed' ELSE 'reported' END,
                           ST_SetSRID(ST_MakePoint(101.8005 + (i % 20) * 0.001, 36.6005 + ((i * 7) % 20) * 0.001), 4326)
                    FROM generate_series(0, 39) i
                    """);
            s.execute("""
                    INSERT INTO incident (district_code, source, source_id, kind, category_code, reported_at, status, geom)
                    SELECT '630102', 'hotline', 'HOT' || i, 'event', '0101', timestamptz '2026-02-01 09:00+08', 'reported',
                           ST_SetSRID(ST_MakePoint(101.8125, 36.6125), 4326)
                    FROM generate_series(1, 12) i
                    """);
            s.execute("""
                    INSERT INTO camera (id, code, district_code, heading_deg, fov_deg, range_m, geom) VALUES
                      (1, 'CAM1', '630102', 90, 60, 150, ST_SetSRID(ST_MakePoint(101.805, 36.605), 4326)),
                      (2, 'CAM2', '630102', 359.5, 360, 80, ST_SetSRID(ST_MakePoint(101.815, 36.615), 4326))
                    """);
            s.execute("""
                    INSERT INTO facility (id, code, district_code, type, name, capacity, geom) VALUES
                      (1, 'F1', '630102', 'elderly_day_care', '东关老年人日间照料中心', 40, ST_SetSRID(ST_MakePoint(101.806, 36.606), 4326)),
                      (2, 'F2', '630102', 'kindergarten', 'x''); DROP TABLE facility; --', NULL, ST_SetSRID(ST_MakePoint(101.816, 36.616), 4326))
                    """);
            s.execute("""
                    INSERT INTO component (id, code, district_code, category_code, status, geom) VALUES
                      (1, 'K1', '630102', 'C0101', 'normal', ST_SetSRID(ST_MakePoint(101.8071, 36.6071), 4326)),
                      (2, 'K2', '630102', 'C0101', 'damaged', ST_SetSRID(ST_MakePoint(101.8072, 36.6072), 4326)),
                      (3, 'K3', '630102', 'C0102', 'missing', ST_SetSRID(ST_MakePoint(101.8173, 36.6173), 4326))
                    """);
            // Residents: grid 003 (building 1) has 12 residents, 2 elderly living alone, 10 low income;
            // grid 002 (building 3) has 3 residents (suppressed).
            s.execute("""
                    INSERT INTO housing_unit (id, code, district_code, building_id, floor, unit_no, area_m2, use) VALUES
                      (1, 'H1', '630102', 1, 1, '101', 80, 'residential'), (2, 'H3', '630102', 3, 1, '1', 20, 'residential')
                    """);
            s.execute("""
                    INSERT INTO resident (pid, district_code, housing_unit_id, birth_year, sex, registration, elderly_living_alone, low_income)
                    SELECT 'R' || i, '630102', 1, 1950 + i, 'F', 'registered', i <= 2, i <= 10 FROM generate_series(1, 12) i
                    UNION ALL
                    SELECT 'Q' || i, '630102', 2, 1980, 'M', 'floating', false, false FROM generate_series(1, 3) i
                    """);
            c.commit();
        }
    }
}
