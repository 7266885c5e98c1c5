package org.gridlens.geodata.analytics.layer;

import java.sql.Array;
import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.Set;
import javax.sql.DataSource;
import org.gridlens.geodata.analytics.DataVersion;
import org.gridlens.geodata.analytics.IncidentFilter;
import org.gridlens.geodata.analytics.TimeWindow;
import org.gridlens.geodata.analytics.camera.CameraCoverageCalculator;
import org.gridlens.geodata.analytics.coverage.CoverageCalculator;
import org.gridlens.geodata.analytics.coverage.CoverageReport;
import org.gridlens.geodata.analytics.coverage.CoverageRequest;
import org.gridlens.geodata.analytics.coverage.FacilityType;
import org.gridlens.geodata.analytics.coverage.GridCoverage;
import org.gridlens.geodata.analytics.coverage.PopulationGroup;
import org.gridlens.geodata.analytics.coverage.WalkingNetwork;
import org.gridlens.geodata.analytics.hotarea.HotArea;
import org.gridlens.geodata.analytics.hotarea.HotAreaFinder;
import org.gridlens.geodata.analytics.hotarea.HotAreaReport;
import org.gridlens.geodata.analytics.hotarea.HotAreaRequest;
import org.gridlens.geodata.analytics.hotspot.AggregationLevel;
import org.gridlens.geodata.analytics.hotspot.HotSpotAnalyzer;
import org.gridlens.geodata.analytics.hotspot.HotSpotFeature;
import org.gridlens.geodata.analytics.hotspot.HotSpotRequest;
import org.gridlens.geodata.analytics.hotspot.HotSpotResult;
import org.gridlens.geodata.analytics.hotspot.IncidentAggregator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the {@code analytic_*} tables (V35) equal to the analytics at their default parameters, for the
 * analytic tile layers.
 *
 * <p>A product is recomputed when it is marked changed ({@link #markChanged}, fed by the change feed with
 * the changed table) and the analytics data version (V30) differs from the one it was computed at, or
 * when it was never computed. A refresh replaces the product's rows and its state row in one
 * transaction, so tile readers see the old or the new result, never a mix; the tables' change-feed
 * triggers then announce the product, which drops its cached tiles. Several servers may share the
 * database: a per-product advisory lock lets one of them compute while the others skip.
 *
 * <p>Defaults: hot spots are Gi* over unit cells with the Optimized-Hot-Spot band and FDR; hot areas use
 * {@link HotAreaRequest}'s defaults; both over the 365 local days ending with the latest day that has
 * incidents (so a demo whose data ends in the past still shows its pattern). Coverage is per facility
 * type at the type's default reach for its target group ({@link #targetGroup}), through the given
 * {@link CoverageSource} (straight line or walking network); shares withheld by small-count
 * suppression stay null. Limits: one refresh of every product at district scale takes seconds to tens
 * of seconds (run it off the request path); time, category and source filters of tile requests do not
 * apply to these layers — the JSON/GeoJSON endpoints take any parameters.
 */
public final class AnalyticLayerRefresher {

    private static final Logger log = LoggerFactory.getLogger(AnalyticLayerRefresher.class);

    /** Length of the window of the incident-based products, local days. */
    public static final int WINDOW_DAYS = 365;

    private final DataSource dataSource;
    private final DataVersion version;
    private final HotSpotAnalyzer hotspots;
    private final HotAreaFinder hotAreas;
    private final CoverageSource coverage;
    private final CameraCoverageCalculator cameras;
    private final Clock clock;
    private final Set<AnalyticProduct> changed = EnumSet.allOf(AnalyticProduct.class);

    /**
     * @param dataSource a pool that may write (the refresh replaces rows)
     * @param coverage   facility coverage at given parameters (suppressed, as published)
     * @param clock      today's date for window checks
     */
    public AnalyticLayerRefresher(DataSource dataSource, CoverageSource coverage, Clock clock) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
        this.coverage = Objects.requireNonNull(coverage, "coverage");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.version = new DataVersion(dataSource);
        this.hotspots = new HotSpotAnalyzer(new IncidentAggregator(dataSource), clock);
        this.hotAreas = new HotAreaFinder(dataSource);
        this.cameras = new CameraCoverageCalculator(dataSource);
    }

    /** Facility coverage at given parameters, as published (small counts suppressed). */
    @FunctionalInterface
    public interface CoverageSource {
        /** The report and the reach mode it used ("straight_line" or "walking_network"). */
        Labelled compute(CoverageRequest request);

        /** Straight-line coverage from {@code calculator}, suppressed as for every HTTP caller. */
        static CoverageSource straightLine(CoverageCalculator calculator) {
            return r -> new Labelled(calculator.compute(r, false), "straight_line");
        }

        /**
         * Walking-network coverage whenever {@code network} is available (pgRouting and roads), else
         * straight line; decided afresh on every call, so importing roads switches the layer over.
         */
        static CoverageSource auto(CoverageCalculator straight, CoverageCalculator walking, WalkingNetwork network) {
            return r -> network.available() ? new Labelled(walking.compute(r, false), WalkingNetwork.WALKING)
                    : new Labelled(straight.compute(r, false), WalkingNetwork.STRAIGHT_LINE);
        }

        /** A coverage report with the reach mode that produced it. */
        record Labelled(CoverageReport report, String reachMode) {
            public Labelled {
                Objects.requireNonNull(report, "report");
                if (!"straight_line".equals(reachMode) && !"walking_network".equals(reachMode)) {
                    throw new IllegalArgumentException("reach mode is straight_line or walking_network");
                }
            }
        }
    }

    /** The population group a facility type serves, used for its coverage layer attribute. */
    public static PopulationGroup targetGroup(FacilityType type) {
        return switch (type) {
            case ELDERLY_DAY_CARE -> PopulationGroup.ELDERLY;
            case KINDERGARTEN -> PopulationGroup.CHILDREN_PRESCHOOL;
            case PRIMARY_SCHOOL -> PopulationGroup.CHILDREN_PRIMARY;
            case MIDDLE_SCHOOL -> PopulationGroup.CHILDREN_MIDDLE;
            default -> PopulationGroup.ALL;
        };
    }

    /** Marks the products fed by {@code table} ("*" = every product) as possibly stale. */
    public void markChanged(String table) {
        synchronized (changed) {
            for (AnalyticProduct p : AnalyticProduct.values()) {
                if (p.dependsOn(table)) {
                    changed.add(p);
                }
            }
        }
    }

    /**
     * Recomputes every product that is marked changed and was computed at another data version (or
     * never); returns the products it recomputed. Failures are logged and leave the product marked.
     */
    public Set<AnalyticProduct> refreshStale() {
        Set<AnalyticProduct> todo;
        synchronized (changed) {
            todo = EnumSet.copyOf(changed.isEmpty() ? EnumSet.noneOf(AnalyticProduct.class) : changed);
            changed.clear();
        }
        Set<AnalyticProduct> done = EnumSet.noneOf(AnalyticProduct.class);
        for (AnalyticProduct p : todo) {
            try {
                if (refresh(p, false)) {
                    done.add(p);
                }
            } catch (RuntimeException | SQLException e) {
                markChanged(p.inputs().iterator().next());
                log.warn("refreshing the {} layer failed: {}", p, e.toString());
            }
        }
        return done;
    }

    /**
     * Recomputes {@code product} now when {@code force} or when it is stale; false when it was current or
     * another server holds its lock.
     */
    public boolean refresh(AnalyticProduct product, boolean force) throws SQLException {
        long v = version.current();
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                try (PreparedStatement lock = c.prepareStatement("SELECT pg_try_advisory_xact_lock(hashtext(?))")) {
                    lock.setString(1, "gridlens.analytic_layer." + product.name());
                    try (ResultSet rs = lock.executeQuery()) {
                        rs.next();
                        if (!rs.getBoolean(1)) {
                            c.rollback();
                            return false;
                        }
                    }
                }
                if (!force && storedVersion(c, product) == v) {
                    c.rollback();
                    return false;
                }
                long t0 = System.nanoTime();
                String detail = switch (product) {
                    case HOTSPOTS -> writeHotspots(c);
                    case HOT_AREAS -> writeHotAreas(c);
                    case COVERAGE -> writeCoverage(c);
                    case CAMERAS -> cameras.materialise(c) + " grids";
                };
                try (PreparedStatement ps = c.prepareStatement("""
                        INSERT INTO analytic_layer_state (product, data_version, refreshed_at, detail) VALUES (?, ?, now(), ?)
                        ON CONFLICT (product) DO UPDATE SET data_version = EXCLUDED.data_version,
                               refreshed_at = EXCLUDED.refreshed_at, detail = EXCLUDED.detail""")) {
                    ps.setString(1, product.name());
                    ps.setLong(2, v);
                    ps.setString(3, detail);
                    ps.executeUpdate();
                }
                c.commit();
                log.info("analytic layer {} refreshed at data version {} in {} ms: {}", product, v,
                        (System.nanoTime() - t0) / 1_000_000, detail);
                return true;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        }
    }

    /** Refreshes every product now (start-up, tests). */
    public void refreshAll() throws SQLException {
        for (AnalyticProduct p : AnalyticProduct.values()) {
            refresh(p, true);
        }
        synchronized (changed) {
            changed.clear();
        }
    }

    private static long storedVersion(Connection c, AnalyticProduct p) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT data_version FROM analytic_layer_state WHERE product = ?")) {
            ps.setString(1, p.name());
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getLong(1) : Long.MIN_VALUE;
            }
        }
    }

    /** The 365-day window ending with the latest local day that has incidents; empty when there are none. */
    private TimeWindow window(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT gl_local_day(max(reported_at)) FROM incident");
             ResultSet rs = ps.executeQuery()) {
            rs.next();
            Date last = rs.getDate(1);
            if (last == null) {
                return null;
            }
            LocalDate to = last.toLocalDate().plusDays(1);
            LocalDate today = LocalDate.now(clock.withZone(TimeWindow.ZONE));
            if (to.isAfter(today.plusDays(1))) {
                to = today.plusDays(1);
            }
            return new TimeWindow(to.minusDays(WINDOW_DAYS), to);
        }
    }

    private static void clear(Connection c, String table) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM " + table)) {
            ps.executeUpdate();
        }
    }

    private String writeHotspots(Connection c) throws SQLException {
        TimeWindow w = window(c);
        if (w == null) {
            clear(c, "analytic_hotspot_cell");
            return "no incidents";
        }
        HotSpotResult r = hotspots.analyze(new HotSpotRequest(AggregationLevel.CELL, 250, w, IncidentFilter.ALL,
                OptionalDouble.empty(), OptionalInt.empty(), true));
        // Rows are replaced only after the (long) analysis, so the transaction writes briefly.
        clear(c, "analytic_hotspot_cell");
        if (r.refusal() != null) {
            return w + ": " + r.refusal();
        }
        int n = r.features().size();
        String[] codes = new String[n];
        Long[] counts = new Long[n];
        Double[] zs = new Double[n];
        Double[] ps = new Double[n];
        Integer[] bins = new Integer[n];
        for (int i = 0; i < n; i++) {
            HotSpotFeature f = r.features().get(i);
            codes[i] = f.id();
            counts[i] = f.count();
            zs[i] = f.z();
            ps[i] = f.p();
            bins[i] = f.bin();
        }
        try (PreparedStatement ins = c.prepareStatement("""
                INSERT INTO analytic_hotspot_cell (cell_id, count, gi_z, gi_p, gi_bin)
                SELECT u.id, x.n, x.z, x.p, x.bin
                FROM unnest(?::text[], ?::bigint[], ?::float8[], ?::float8[], ?::integer[]) AS x(code, n, z, p, bin)
                JOIN unit_cell u ON u.code = x.code""")) {
            ins.setArray(1, c.createArrayOf("text", codes));
            ins.setArray(2, c.createArrayOf("bigint", counts));
            ins.setArray(3, c.createArrayOf("float8", zs));
            ins.setArray(4, c.createArrayOf("float8", ps));
            ins.setArray(5, c.createArrayOf("integer", bins));
            ins.executeUpdate();
        }
        return w + ": " + n + " cells, " + r.weights() + (r.bandM() == null ? "" : " band " + Math.round(r.bandM()) + " m");
    }

    private String writeHotAreas(Connection c) throws SQLException {
        TimeWindow w = window(c);
        if (w == null) {
            clear(c, "analytic_hotarea");
            return "no incidents";
        }
        HotAreaReport r = hotAreas.find(new HotAreaRequest(w, IncidentFilter.ALL, HotAreaRequest.DEFAULT_RADIUS_M,
                HotAreaRequest.DEFAULT_MIN_COUNT, HotAreaRequest.DEFAULT_DAYS));
        clear(c, "analytic_hotarea");
        try (PreparedStatement ins = c.prepareStatement("""
                INSERT INTO analytic_hotarea (id, rank, category, grid_code, incidents, first_day, last_day, open_share, trend, geom)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ST_SetSRID(ST_GeometryN(ST_GeomFromGeoJSON(?), 1), 4326))""")) {
            for (HotArea a : r.areas()) {
                ins.setInt(1, a.id());
                ins.setInt(2, a.rank());
                ins.setString(3, a.category());
                ins.setString(4, a.gridCode());
                ins.setLong(5, a.incidents());
                ins.setDate(6, Date.valueOf(a.first()));
                ins.setDate(7, Date.valueOf(a.last()));
                ins.setDouble(8, a.openShare());
                ins.setString(9, a.trend());
                ins.setString(10, a.outline());
                ins.addBatch();
            }
            ins.executeBatch();
        }
        return w + ": " + r.areas().size() + " hot areas";
    }

    private String writeCoverage(Connection c) throws SQLException {
        int year = LocalDate.now(clock.withZone(TimeWindow.ZONE)).getYear();
        List<CoverageSource.Labelled> results = new ArrayList<>();
        for (FacilityType t : FacilityType.values()) {
            results.add(coverage.compute(new CoverageRequest(t, t.defaultReachM(), targetGroup(t), null, null, year)));
        }
        clear(c, "analytic_coverage_grid");
        List<String> modes = new ArrayList<>();
        try (PreparedStatement ins = c.prepareStatement("""
                INSERT INTO analytic_coverage_grid (grid_code, type, reach_m, grp, reach_mode, share)
                SELECT x.grid, ?, ?, ?, ?, x.share FROM unnest(?::text[], ?::float8[]) AS x(grid, share)""")) {
            for (FacilityType t : FacilityType.values()) {
                PopulationGroup g = targetGroup(t);
                CoverageSource.Labelled l = results.get(t.ordinal());
                List<GridCoverage> grids = l.report().grids();
                ins.setString(1, t.code());
                ins.setDouble(2, t.defaultReachM());
                ins.setString(3, g.code());
                ins.setString(4, l.reachMode());
                ins.setArray(5, c.createArrayOf("text", grids.stream().map(GridCoverage::gridCode).toArray()));
                Array shares = c.createArrayOf("float8", grids.stream().map(x -> x.share() == null ? null
                        : Math.max(0, Math.min(1, x.share()))).toArray());
                ins.setArray(6, shares);
                ins.executeUpdate();
                modes.add(t.code() + "=" + l.reachMode());
            }
        }
        return String.join(", ", modes);
    }
}
