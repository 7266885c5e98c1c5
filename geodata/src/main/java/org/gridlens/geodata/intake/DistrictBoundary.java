package org.gridlens.geodata.intake;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Optional;
import javax.sql.DataSource;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.prep.PreparedGeometry;
import org.locationtech.jts.geom.prep.PreparedGeometryFactory;
import org.locationtech.jts.io.ParseException;
import org.locationtech.jts.io.WKBReader;

/**
 * The union of the district polygons (regions of level 'district'), held in memory as a prepared
 * geometry so that a 10,000-report batch is checked without a database round trip per point. Reloaded
 * after a minute, so a newly loaded district is picked up without restart. With no district loaded,
 * nothing is inside.
 */
public final class DistrictBoundary {

    private static final Duration TTL = Duration.ofSeconds(60);
    private static final GeometryFactory GF = new GeometryFactory();

    private final DataSource dataSource;
    private volatile Snapshot snapshot;

    private record Snapshot(Optional<PreparedGeometry> area, String districtCode, long loadedAtNanos) {
    }

    public DistrictBoundary(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** True when the WGS84 point lies in (or on the edge of) the district. */
    public boolean contains(double lon, double lat) {
        return current().area().map(a -> a.covers(GF.createPoint(new Coordinate(lon, lat)))).orElse(false);
    }

    /** Code of the loaded district (e.g. 630102), or empty when none is loaded. */
    public Optional<String> districtCode() {
        return Optional.ofNullable(current().districtCode());
    }

    public boolean isLoaded() {
        return current().area().isPresent();
    }

    private Snapshot current() {
        Snapshot s = snapshot;
        if (s == null || System.nanoTime() - s.loadedAtNanos() > TTL.toNanos()) {
            s = load();
            snapshot = s;
        }
        return s;
    }

    private Snapshot load() {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT ST_AsBinary(ST_Union(geom)), min(district_code) FROM region WHERE level = 'district'");
             ResultSet rs = ps.executeQuery()) {
            byte[] wkb = rs.next() ? rs.getBytes(1) : null;
            if (wkb == null) {
                return new Snapshot(Optional.empty(), null, System.nanoTime());
            }
            Geometry g = new WKBReader(GF).read(wkb);
            return new Snapshot(Optional.of(PreparedGeometryFactory.prepare(g)), rs.getString(2), System.nanoTime());
        } catch (SQLException e) {
            throw new IntakeStoreException(e);
        } catch (ParseException e) {
            throw new IllegalStateException("district polygon from PostGIS is unreadable", e);
        }
    }
}
