package org.gridlens.geodata.threed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.gridlens.geodata.testing.FreshDatabase;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class BuildingSolidTest {

    @RegisterExtension
    static final FreshDatabase db = FreshDatabase.named("solids");

    @BeforeAll
    static void setUp() throws Exception {
        db.execute("""
                INSERT INTO parcel (code, district_code, land_use, geom) VALUES
                  ('P1', '630102', 'residential', ST_Multi(ST_MakeEnvelope(101.800, 36.600, 101.802, 36.602, 4326)));
                INSERT INTO parcel (code, district_code, land_use, z_min, z_max, geom) VALUES
                  ('PU', '630102', 'public', -12, -2, ST_Multi(ST_MakeEnvelope(101.800, 36.600, 101.801, 36.601, 4326)));
                INSERT INTO building (code, district_code, use, floors, height_m, base_elev_m, geom) VALUES
                  ('B1', '630102', 'residential', 6, 18, 2230,
                   ST_Multi(ST_GeomFromText('POLYGON((101.8001 36.6001,101.8005 36.6001,101.8005 36.6004,101.8001 36.6004,101.8001 36.6001),'
                     || '(101.8002 36.6002,101.8002 36.6003,101.8003 36.6003,101.8003 36.6002,101.8002 36.6002))', 4326))),
                  ('B2', '630102', 'office', 20, 80, 2230, ST_Multi(ST_MakeEnvelope(101.8010, 36.6010, 101.8012, 36.6012, 4326)));""");
    }

    @Test
    void a_solid_is_derived_as_a_closed_prism_from_footprint_base_and_height() throws Exception {
        // outer ring 4 edges + hole 4 edges = 8 walls, plus bottom and top
        assertThat(db.text("SELECT GeometryType(solid) || ' ' || ST_NumGeometries(solid) FROM building WHERE code = 'B1'"))
                .isEqualTo("POLYHEDRALSURFACE 10");
        assertThat(db.text("SELECT ST_ZMin(solid) || '..' || ST_ZMax(solid) FROM building WHERE code = 'B1'")).isEqualTo("2230..2248");
        assertThat(db.text("SELECT ST_Equals(ST_Force2D(ST_GeometryN(solid, 2)), ST_GeometryN(geom, 1)) FROM building WHERE code = 'B1'"))
                .isEqualTo("t");
        db.execute("UPDATE building SET height_m = 30, solid = NULL WHERE code = 'B1'");
        assertThat(db.text("SELECT ST_ZMax(solid) FROM building WHERE code = 'B1'")).isEqualTo("2260");
    }

    @Test
    void the_3d_box_query_finds_buildings_and_strata_parcels_by_footprint_and_height() throws Exception {
        VolumeQuery q = new VolumeQuery(db.dataSource());
        assertThat(q.intersecting(new Box3d(101.7999, 36.5999, 101.8013, 36.6013, 2250, 2300), 100))
                .extracting(VolumeQuery.Hit::code).containsExactly("B2");
        assertThat(q.intersecting(new Box3d(101.7999, 36.5999, 101.8013, 36.6013, -5, 2235), 100))
                .extracting(VolumeQuery.Hit::code).containsExactly("B1", "B2", "PU");
        assertThat(q.intersecting(new Box3d(101.8006, 36.6006, 101.8008, 36.6008, 0, 9000), 100)).isEmpty();
        assertThatThrownBy(() -> new Box3d(1, 1, 0, 2, 0, 1)).isInstanceOf(IllegalArgumentException.class);
    }
}
