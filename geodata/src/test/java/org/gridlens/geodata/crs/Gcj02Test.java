package org.gridlens.geodata.crs;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class Gcj02Test {

    @Test
    void inverseUndoesForwardOverChina() {
        double worst = 0;
        for (double lon = 73.5; lon <= 135.0; lon += 0.73) {
            for (double lat = 18.0; lat <= 53.5; lat += 0.61) {
                double[] g = Gcj02.fromWgs84(lon, lat);
                double[] w = Gcj02.toWgs84(g[0], g[1]);
                worst = Math.max(worst, Math.max(Math.abs(w[0] - lon), Math.abs(w[1] - lat)));
            }
        }
        assertThat(worst).isLessThan(1e-7);
    }

    @Test
    void beijingOffsetIsAFewHundredMetres() {
        double[] g = Gcj02.fromWgs84(116.397428, 39.90923);
        assertThat(offsetMetres(116.397428, 39.90923, g)).isBetween(100.0, 700.0);
        assertThat(g[0]).isGreaterThan(116.397428);
    }

    @Test
    void xiningOffsetIsAFewHundredMetres() {
        double[] g = Gcj02.fromWgs84(101.78, 36.62);
        assertThat(offsetMetres(101.78, 36.62, g)).isBetween(100.0, 700.0);
        double[] w = Gcj02.toWgs84(g[0], g[1]);
        assertThat(w[0]).isCloseTo(101.78, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(w[1]).isCloseTo(36.62, org.assertj.core.data.Offset.offset(1e-9));
    }

    @Test
    void outsideChinaIsIdentity() {
        assertThat(Gcj02.fromWgs84(2.35, 48.85)).containsExactly(2.35, 48.85);
        assertThat(Gcj02.toWgs84(2.35, 48.85)).containsExactly(2.35, 48.85);
    }

    private static double offsetMetres(double lon, double lat, double[] g) {
        double dx = (g[0] - lon) * 111320 * Math.cos(Math.toRadians(lat));
        double dy = (g[1] - lat) * 110540;
        return Math.hypot(dx, dy);
    }
}
