package org.gridlens.geodata.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.gridlens.geodata.testing.FreshDatabase;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class DemoLoaderSmallTest {

    @RegisterExtension
    static final FreshDatabase db = FreshDatabase.named("demo_small");
    private static DemoLoadReport report;

    @BeforeAll
    static void load() {
        assertThat(DemoLoader.isLoaded(db.dataSource())).isFalse();
        report = new DemoLoader(db.dataSource()).load(DemoProfile.SMALL, DemoLoader.DEFAULT_SEED);
        System.out.println("small load: " + report.elapsed().toMillis() + " ms " + report.rowCounts());
    }

    private static double q(String sql) throws SQLException {
        try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getDouble(1);
        }
    }

    @Test
    void reportMatchesGeneratorAndDatabase() throws SQLException {
        assertThat(DemoLoader.isLoaded(db.dataSource())).isTrue();
        assertThat(report.checksum()).isEqualTo(new DemoDistrictGenerator(DemoProfile.SMALL, DemoLoader.DEFAULT_SEED).checksum());
        for (var e : report.rowCounts().entrySet()) {
            assertThat((long) q("SELECT count(*) FROM " + e.getKey())).as(e.getKey()).isEqualTo(e.getValue());
        }
        assertThat(q("SELECT count(*) FROM dataset_load WHERE name = 'demo' AND profile = 'small'")).isEqualTo(1);
        assertThatThrownBy(() -> new DemoLoader(db.dataSource()).load(DemoProfile.SMALL, 1))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("empty");
    }

    @Test
    void countsFollowTheProfile() throws SQLException {
        assertThat(q("SELECT count(*) FROM region WHERE level = 'district'")).isEqualTo(1);
        assertThat(q("SELECT count(*) FROM region WHERE level = 'subdistrict'")).isEqualTo(2);
        assertThat(q("SELECT count(*) FROM region WHERE level = 'community'")).isEqualTo(6);
        assertThat(q("SELECT count(*) FROM region WHERE level = 'grid'")).isBetween(38.0, 42.0);
        assertThat(q("SELECT count(*) FROM building")).isBetween(800.0, 1200.0);
        assertThat(q("SELECT count(*) FROM resident")).isBetween(7000.0, 9000.0);
        assertThat(q("SELECT count(*) FROM incident")).isBetween(18000.0, 22000.0);
        assertThat(q("SELECT count(*) FROM camera")).isEqualTo(60);
        assertThat(q("SELECT count(*) FROM component")).isEqualTo(500);
        assertThat(q("SELECT count(*) FROM facility")).isBetween(25.0, 60.0);
    }

    @Test
    void geometriesValidAndGridsTileCommunities() throws SQLException {
        for (String t : new String[] {"region", "unit_cell", "parcel", "building"}) {
            assertThat(q("SELECT count(*) FROM " + t + " WHERE NOT ST_IsValid(geom)")).as(t).isZero();
        }
        assertThat(q("""
                SELECT count(*) FROM region g WHERE g.level = 'grid' AND (SELECT count(*) FROM region c
                  WHERE c.level = 'community' AND ST_Area(ST_Transform(ST_Intersection(c.geom, g.geom), 4543)) > 0.999 * g.area_m2) <> 1
                """)).isZero();
        for (String[] lv : new String[][] {{"grid", "community"}, {"community", "subdistrict"}, {"subdistrict", "district"}}) {
            assertThat(q("""
                    SELECT coalesce(max(ST_Area(ST_Transform(ST_SymDifference(p.geom, u.geom), 4543))), 0)
                    FROM region p JOIN (SELECT parent_code, ST_Union(geom) geom FROM region WHERE level = '%s' GROUP BY parent_code) u
                      ON u.parent_code = p.code
                    """.formatted(lv[0]))).as(lv[0] + " union = " + lv[1]).isLessThan(1.0);
            assertThat(q("""
                    SELECT coalesce(sum(ST_Area(ST_Transform(ST_Intersection(a.geom, b.geom), 4543))), 0)
                    FROM region a JOIN region b ON a.level = '%s' AND b.level = a.level AND a.code < b.code
                      AND a.parent_code = b.parent_code AND ST_Intersects(a.geom, b.geom)
                    """.formatted(lv[0]))).as(lv[0] + " overlaps").isLessThan(1.0);
        }
    }

    @Test
    void incidentAssignmentsMatchSqlRulesAndDailyIsExact() throws SQLException {
        assertThat(q("""
                SELECT count(*) FROM (SELECT * FROM incident ORDER BY id LIMIT 3000) i
                WHERE i.grid_code IS DISTINCT FROM gl_grid_of(i.geom) OR i.cell_id IS DISTINCT FROM gl_cell_of(i.geom)
                """)).isZero();
        assertThat(q("SELECT count(*) FROM incident WHERE grid_code IS NULL OR cell_id IS NULL OR cell_id = 0")).isZero();
        assertThat(q("""
                SELECT count(*) FROM (
                  SELECT coalesce(cell_id, 0) cell_id, gl_local_day(reported_at) d, category_code, count(*) n FROM incident GROUP BY 1, 2, 3
                ) f FULL JOIN incident_daily x ON x.cell_id = f.cell_id AND x.day = f.d AND x.category_code = f.category_code
                WHERE x.n IS DISTINCT FROM f.n
                """)).isZero();
        assertThat(q("SELECT count(*) FROM incident WHERE reported_at > '2026-10-31 23:59:59+08'")).isZero();
        double overdue = q("SELECT avg((handled_at > deadline)::int) FROM incident WHERE handled_at IS NOT NULL");
        assertThat(overdue).isBetween(0.04, 0.12);
        assertThat(q("SELECT count(*) FROM incident WHERE closed_at IS NULL AND status <> 'rejected'")).isPositive();
        assertThat(q("SELECT count(*) FROM case_event")).isPositive();
    }

    @Test
    void residentsLookLikeTheBrief() throws SQLException {
        assertThat(q("SELECT avg((registration = 'floating')::int) FROM resident")).isBetween(0.18, 0.32);
        assertThat(q("SELECT avg(elderly_living_alone::int) FROM resident")).isBetween(0.03, 0.05);
        assertThat(q("SELECT count(*) FROM resident WHERE elderly_living_alone AND 2026 - birth_year < 65")).isZero();
        assertThat(q("""
                SELECT count(*) FROM resident r WHERE elderly_living_alone
                  AND (SELECT count(*) FROM resident o WHERE o.housing_unit_id = r.housing_unit_id) <> 1
                """)).isZero();
        assertThat(q("SELECT avg(disabled::int) FROM resident")).isBetween(0.01, 0.04);
        assertThat(q("SELECT avg(low_income::int) FROM resident")).isBetween(0.015, 0.05);
        assertThat(q("SELECT avg((2026 - birth_year >= 60)::int) FROM resident")).isBetween(0.15, 0.30);
        assertThat(q("SELECT avg((2026 - birth_year < 15)::int) FROM resident")).isBetween(0.08, 0.20);
    }

    @Test
    void plantedTruthIsReadable() {
        var truth = DemoTruth.read(db.dataSource());
        assertThat(truth).extracting(DemoTruth::kind).contains("persistent", "emerging", "fading", "repeat_address", "underserved");
        assertThat(truth.stream().filter(t -> t.kind().equals("persistent")).count()).isEqualTo(10);
    }
}
