package org.gridlens.geodata.stats;

import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.gridlens.geodata.sql.SqlResource;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.io.ParseException;
import org.locationtech.jts.io.WKBReader;

/**
 * The aggregates the wall display draws: KPIs, category mix, 24-hour and day trends, the subdistrict
 * league table and the latest incidents. Every answer is district-wide and aggregated in PostGIS except
 * the latest-incidents list, which is bounded by its {@code limit} (at most {@value #MAX_LATEST} rows).
 *
 * <p>Day windows end with the latest local day (Asia/Shanghai) that has incidents, as in
 * {@link DistrictSummaryQuery}, and are returned with the answer so displays label them truthfully.
 */
public final class WallStatsQuery {

    /** Largest latest-incidents page. */
    public static final int MAX_LATEST = 200;
    private static final ZoneId LOCAL = ZoneId.of("Asia/Shanghai");
    private static final String KPIS = SqlResource.load(WallStatsQuery.class, "wall-kpis.sql");
    private static final String CATEGORIES = SqlResource.load(WallStatsQuery.class, "wall-categories.sql");
    private static final String HOURS = SqlResource.load(WallStatsQuery.class, "wall-trend-hours.sql");
    private static final String DAYS = SqlResource.load(WallStatsQuery.class, "wall-trend-days.sql");
    private static final String SUBDISTRICTS = SqlResource.load(WallStatsQuery.class, "wall-subdistricts.sql");
    private static final String LATEST = SqlResource.load(WallStatsQuery.class, "wall-latest.sql");
    private static final String FACILITIES = SqlResource.load(WallStatsQuery.class, "wall-points-facilities.sql");
    private static final String CAMERAS = SqlResource.load(WallStatsQuery.class, "wall-points-cameras.sql");
    private static final String BUILDINGS = SqlResource.load(WallStatsQuery.class, "wall-buildings.sql");
    private static final String STABLE_UNTIL = SqlResource.load(WallStatsQuery.class, "wall-stable-until.sql");
    /** Most points one point layer returns; more are cut (the wall draws them as dots, not as a dataset). */
    public static final int MAX_POINTS = 5000;
    /**
     * Most buildings the pseudo-3D layer gets, the tallest first: about 3 bytes per vertex coordinate
     * after compression keeps the layer near 150 KB on the {@code district} demo (~15,000 buildings).
     */
    public static final int MAX_BUILDINGS = 3000;
    private final DataSource dataSource;

    public WallStatsQuery(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** A window of local days [start, end). */
    public record DayWindow(LocalDate start, LocalDate end) {
        public DayWindow {
            if (!start.isBefore(end)) {
                throw new IllegalArgumentException("window start must precede its end");
            }
        }
    }

    /** Incidents of one top-level category. */
    public record CategoryCount(String code, String nameZh, String nameEn, long incidents) {
    }

    /** Incidents in one time bucket starting at {@code start} (an ISO instant or a local date). */
    public record Bucket(String start, long incidents) {
    }

    /** One subdistrict's line of the league table. */
    public record SubdistrictRow(String code, String name, String nameEn, long incidents, long cases, long closed,
                                 long overdue) {
        /** Closed share of cases, null without cases. */
        public Double closureRate() {
            return cases == 0 ? null : (double) closed / cases;
        }
    }

    /** One incident of the ticker; {@code reportedAt} is an ISO instant, lon/lat are WGS 84. */
    public record LatestIncident(long id, String reportedAt, String categoryCode, String categoryZh,
                                 String categoryEn, String gridCode, String gridName, String status, String source,
                                 double lon, double lat) {
    }

    /** The point layers the wall may draw whole. */
    public enum PointKind { FACILITIES, CAMERAS }

    /** One point of a point layer; lon/lat are WGS 84. */
    public record Point(String code, String name, String type, double lon, double lat) {
    }

    /** The points of one layer, at most {@value #MAX_POINTS}, ordered by code. */
    public List<Point> points(PointKind kind) throws SQLException {
        List<Point> out = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement(kind == PointKind.FACILITIES ? FACILITIES : CAMERAS)) {
            ps.setInt(1, MAX_POINTS);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new Point(rs.getString(1), rs.getString(2), rs.getString(3), rs.getDouble(4), rs.getDouble(5)));
                }
            }
        }
        return out;
    }

    /**
     * A building drawn as a prism on the wall: its height and the outer ring of its largest part as
     * alternating longitude, latitude (WGS 84, rounded to 1e-5 degrees, about 1 m; first vertex repeated
     * last). Holes and smaller parts are left out: the wall draws an impression of the skyline, not a survey.
     *
     * @param heightM height above the base, metres
     * @param ring    lon0, lat0, lon1, lat1, …
     */
    public record BuildingPrism(double heightM, double[] ring) {
        public BuildingPrism {
            if (!(heightM > 0) || ring.length < 8 || ring.length % 2 != 0) {
                throw new IllegalArgumentException("a prism needs a positive height and a closed ring of at least 4 vertices");
            }
        }
    }

    /** The {@value #MAX_BUILDINGS} tallest buildings (fewer when the district has fewer), tallest first. */
    public List<BuildingPrism> tallestBuildings() throws SQLException {
        List<BuildingPrism> out = new ArrayList<>();
        WKBReader wkb = new WKBReader();
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(BUILDINGS)) {
            ps.setInt(1, MAX_BUILDINGS);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Coordinate[] cs = wkb.read(rs.getBytes(2)).getCoordinates();
                    double[] ring = new double[cs.length * 2];
                    for (int i = 0; i < cs.length; i++) {
                        ring[2 * i] = Math.round(cs[i].x * 1e5) / 1e5;
                        ring[2 * i + 1] = Math.round(cs[i].y * 1e5) / 1e5;
                    }
                    if (cs.length >= 4) {
                        out.add(new BuildingPrism(rs.getDouble(1), ring));
                    }
                }
            } catch (ParseException e) {
                throw new SQLException("PostGIS returned WKB that JTS cannot read", e);
            }
        }
        return out;
    }

    /**
     * The first instant at which {@link #kpis()}, {@link #subdistricts}, {@link #lastDayByHour()}, {@link #byDay}
     * and {@link #window} may answer differently although no data changed: the next deadline of an open case
     * (the overdue counts grow then), or now when there is no incident at all (windows then end today and the
     * hourly trend ends this hour). {@link Instant#MAX} when neither applies. Read it before computing an
     * answer it is to guard: a deadline that passes in between then makes the answer expire at once.
     * Compared with the database's clock; a caller comparing with its own clock is off by their skew.
     */
    public Instant stableUntil() throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(STABLE_UNTIL);
             ResultSet rs = ps.executeQuery()) {
            rs.next();
            OffsetDateTime next = rs.getObject(1, OffsetDateTime.class);
            if (!rs.getBoolean(2)) {
                return Instant.EPOCH;
            }
            return next == null ? Instant.MAX : next.toInstant();
        }
    }

    public WallKpis kpis() throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(KPIS);
             ResultSet rs = ps.executeQuery()) {
            rs.next();
            return new WallKpis(rs.getDate(1).toLocalDate(), rs.getLong(2), rs.getLong(3), rs.getLong(4),
                    rs.getLong(5), rs.getLong(6), rs.getLong(7), rs.getLong(8), rs.getLong(9), rs.getLong(10));
        }
    }

    /** The {@code days} local days ending with the latest day that has incidents (today when none). */
    public DayWindow window(int days) throws SQLException {
        if (days < 1 || days > 366) {
            throw new IllegalArgumentException("window must be 1..366 days");
        }
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT max(day) FROM incident_daily");
             ResultSet rs = ps.executeQuery()) {
            rs.next();
            Date last = rs.getDate(1);
            LocalDate end = (last == null ? LocalDate.now(LOCAL) : last.toLocalDate()).plusDays(1);
            return new DayWindow(end.minusDays(days), end);
        }
    }

    public List<CategoryCount> categories(DayWindow w) throws SQLException {
        List<CategoryCount> out = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(CATEGORIES)) {
            bindWindow(ps, w);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new CategoryCount(rs.getString(1), rs.getString(2), rs.getString(3), rs.getLong(4)));
                }
            }
        }
        return out;
    }

    /** 24 hourly buckets ending with the hour of the latest incident; starts are ISO instants. */
    public List<Bucket> lastDayByHour() throws SQLException {
        List<Bucket> out = new ArrayList<>(24);
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(HOURS);
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(new Bucket(rs.getObject(1, OffsetDateTime.class).toInstant().toString(), rs.getLong(2)));
            }
        }
        return out;
    }

    /** One bucket per local day of the window; starts are ISO dates. */
    public List<Bucket> byDay(DayWindow w) throws SQLException {
        List<Bucket> out = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(DAYS)) {
            bindWindow(ps, w);
            ps.setDate(3, Date.valueOf(w.start()));
            ps.setDate(4, Date.valueOf(w.end()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new Bucket(rs.getDate(1).toLocalDate().toString(), rs.getLong(2)));
                }
            }
        }
        return out;
    }

    public List<SubdistrictRow> subdistricts(DayWindow w) throws SQLException {
        List<SubdistrictRow> out = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(SUBDISTRICTS)) {
            bindWindow(ps, w);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new SubdistrictRow(rs.getString(1), rs.getString(2), rs.getString(3), rs.getLong(4),
                            rs.getLong(5), rs.getLong(6), rs.getLong(7)));
                }
            }
        }
        return out;
    }

    /** Incidents with an id above {@code afterId}, newest first, at most {@code limit} (1..{@value #MAX_LATEST}). */
    public List<LatestIncident> latest(long afterId, int limit) throws SQLException {
        if (limit < 1 || limit > MAX_LATEST) {
            throw new IllegalArgumentException("limit must be 1.." + MAX_LATEST);
        }
        List<LatestIncident> out = new ArrayList<>(limit);
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(LATEST)) {
            ps.setLong(1, afterId);
            ps.setInt(2, limit);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new LatestIncident(rs.getLong(1), rs.getObject(2, OffsetDateTime.class).toInstant().toString(),
                            rs.getString(3),
                            rs.getString(4), rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8),
                            rs.getString(9), rs.getDouble(10), rs.getDouble(11)));
                }
            }
        }
        return out;
    }

    private static void bindWindow(PreparedStatement ps, DayWindow w) throws SQLException {
        ps.setDate(1, Date.valueOf(w.start()));
        ps.setDate(2, Date.valueOf(w.end()));
    }
}
