package org.gridlens.geodata.crs;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import org.gridlens.geodata.testing.FreshDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class GaussKrugerTest {

    @RegisterExtension
    static final FreshDatabase db = FreshDatabase.named("gauss");

    @Test
    void agreesWithPostgisToAMillimetre() throws Exception {
        double[][] points = {{101.78, 36.62}, {101.95, 36.55}, {102.0, 36.0}, {100.6, 35.1}, {103.4, 37.9}, {101.7, 36.7}};
        try (Connection c = db.dataSource().getConnection();
             PreparedStatement ps = c.prepareStatement(
                     "SELECT ST_X(p), ST_Y(p) FROM (SELECT ST_Transform(ST_SetSRID(ST_MakePoint(?, ?), 4326), 4543) p) t")) {
            for (double[] p : points) {
                ps.setDouble(1, p[0]);
                ps.setDouble(2, p[1]);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    double[] mine = GaussKruger.forward(p[0], p[1]);
                    assertThat(Math.abs(mine[0] - rs.getDouble(1))).as("easting at %s", p[0]).isLessThan(0.001);
                    assertThat(Math.abs(mine[1] - rs.getDouble(2))).as("northing at %s", p[1]).isLessThan(0.001);
                }
            }
        }
    }

    @Test
    void inverseUndoesForward() {
        for (double lon = 99.0; lon <= 105.0; lon += 0.37) {
            for (double lat = 30.0; lat <= 42.0; lat += 0.41) {
                double[] xy = GaussKruger.forward(lon, lat);
                double[] ll = GaussKruger.inverse(xy[0], xy[1]);
                assertThat(Math.abs(ll[0] - lon)).isLessThan(1e-10);
                assertThat(Math.abs(ll[1] - lat)).isLessThan(1e-10);
            }
        }
    }

    @Test
    void centralMeridianMapsToFalseEasting() {
        assertThat(GaussKruger.forward(102.0, 36.0)[0]).isCloseTo(500000.0, org.assertj.core.data.Offset.offset(1e-6));
    }
}
