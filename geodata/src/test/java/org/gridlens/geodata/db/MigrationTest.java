package org.gridlens.geodata.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import org.gridlens.geodata.testing.FreshDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class MigrationTest {

    @RegisterExtension
    static final FreshDatabase db = FreshDatabase.named("migration");

    @Test
    void migrations_apply_to_an_empty_database_and_leave_nothing_pending() throws SQLException {
        assertThat(db.database().pendingMigrations()).isEmpty();
        try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement()) {
            var rs = s.executeQuery("SELECT postgis_lib_version()");
            assertThat(rs.next()).isTrue();
            rs = s.executeQuery("SELECT count(*) FROM information_schema.tables WHERE table_schema = 'public' "
                    + "AND table_name IN ('region','unit_cell','parcel','building','housing_unit','resident','address',"
                    + "'component','camera','facility','incident','case_event','incident_daily','category')");
            rs.next();
            assertThat(rs.getInt(1)).isEqualTo(14);
        }
    }

    @Test
    void geometry_constraints_reject_empty_invalid_and_wrong_srid() throws SQLException {
        try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement()) {
            s.execute("INSERT INTO region(code, district_code, level, name, geom) VALUES ('630102','630102','district','D',"
                    + "ST_Multi(ST_GeomFromText('POLYGON((101.8 36.6,101.9 36.6,101.9 36.7,101.8 36.7,101.8 36.6))',4326)))");
            String insert = "INSERT INTO region(code, district_code, level, parent_code, name, geom) VALUES ('630102001','630102','subdistrict','630102','S',";
            assertThatThrownBy(() -> s.execute(insert + "ST_GeomFromText('MULTIPOLYGON EMPTY',4326))"))
                    .hasMessageContaining("check constraint");
            assertThatThrownBy(() -> s.execute(insert
                    + "ST_Multi(ST_GeomFromText('POLYGON((101.8 36.6,101.9 36.7,101.9 36.6,101.8 36.7,101.8 36.6))',4326)))"))
                    .hasMessageContaining("check constraint");
            assertThatThrownBy(() -> s.execute(insert
                    + "ST_Multi(ST_GeomFromText('POLYGON((0 0,1 0,1 1,0 0))',3857)))"))
                    .hasMessageContaining("SRID");
        }
    }

    @Test
    void the_stage_log_is_append_only() throws SQLException {
        try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement()) {
            s.execute("INSERT INTO category(code, kind, level, name_zh, name_en) VALUES ('99','event',1,'测试','test')");
            s.execute("INSERT INTO incident(district_code, source, source_id, kind, category_code, reported_at, status, geom)"
                    + " VALUES ('630102','hotline','append-1','event','99',now(),'reported',ST_SetSRID(ST_MakePoint(101.85,36.6),4326))");
            s.execute("INSERT INTO case_event(district_code, incident_id, stage, at, actor)"
                    + " SELECT '630102', id, 'report', now(), 'tester' FROM incident WHERE source_id = 'append-1'");
            assertThatThrownBy(() -> s.execute("DELETE FROM case_event")).hasMessageContaining("append-only");
            assertThatThrownBy(() -> s.execute("UPDATE case_event SET actor = 'x'")).hasMessageContaining("append-only");
            assertThatThrownBy(() -> s.execute("TRUNCATE case_event")).hasMessageContaining("append-only");
        }
    }
}
