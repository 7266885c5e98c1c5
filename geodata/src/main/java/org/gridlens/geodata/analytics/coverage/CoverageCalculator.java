package org.gridlens.geodata.analytics.coverage;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import javax.sql.DataSource;
import org.gridlens.geodata.analytics.stats.AdditiveTable;
import org.gridlens.geodata.analytics.stats.SmallCountSuppressor;
import org.gridlens.geodata.analytics.stats.SuppressionPolicy;
import org.gridlens.geodata.sql.SqlResource;

/**
 * Straight-line facility coverage per grid, in one PostGIS query: a resident is covered when the
 * centroid of their building lies within the reach (ST_DWithin in EPSG:4543, metres) of a facility of
 * the type. Walking-network reach is not computed (labelled "straight-line"; GB 50180 radii are walking
 * distances, so straight-line reach overstates coverage — anchors suggest a detour factor of ~1.3).
 *
 * <p>For callers without person-level access the counts are suppressed like grid statistics: per grid
 * covered + uncovered = group, and the grids add up to the district totals.
 */
public final class CoverageCalculator {

    /** The method label reported with every result. */
    public static final String METHOD = "straight-line";

    private static final int CELLS = 4;
    private static final String BY_GRID = SqlResource.load(CoverageCalculator.class, "coverage_by_grid.sql");
    private static final String UNCOVERED = SqlResource.load(CoverageCalculator.class, "uncovered_buildings.sql");

    /** The method label of walking-network coverage ({@link #walking}). */
    public static final String WALKING_METHOD = "walking-network";

    private final DataSource dataSource;
    private final SuppressionPolicy policy;
    private final String byGridSql;
    private final String method;

    public CoverageCalculator(DataSource dataSource, SuppressionPolicy policy) {
        this(dataSource, policy, BY_GRID, METHOD);
    }

    private CoverageCalculator(DataSource dataSource, SuppressionPolicy policy, String byGridSql, String method) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
        this.policy = Objects.requireNonNull(policy, "policy");
        this.byGridSql = byGridSql;
        this.method = method;
    }

    /**
     * Coverage over the walking network (V36, pgRouting's pgr_drivingDistance; see
     * {@code walking_coverage_by_grid.sql}), with the same counts, suppression and ranking. Only
     * {@link #compute} walks; {@link #uncovered} stays straight-line. Needs the pgrouting extension and
     * a non-empty {@code road_edge} ({@link org.gridlens.geodata.analytics.coverage.WalkingNetwork}).
     */
    public static CoverageCalculator walking(DataSource dataSource, SuppressionPolicy policy) {
        return new CoverageCalculator(dataSource, policy, SqlResource.load(CoverageCalculator.class, "walking_coverage_by_grid.sql"),
                WALKING_METHOD);
    }

    /** Coverage of every grid, worst first; with a proposal, the covered delta per grid and in total. */
    public CoverageReport compute(CoverageRequest req, boolean personLevelAccess) {
        List<String[]> names = new ArrayList<>();
        List<long[]> rows = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement(byGridSql.replace("{group}", req.group().predicate()))) {
            int i = bindYear(ps, req);
            ps.setString(i++, req.type().code());
            ps.setDouble(i++, req.hasProposal() ? req.proposedLon() : 0);
            ps.setDouble(i++, req.hasProposal() ? req.proposedLat() : 0);
            ps.setBoolean(i++, req.hasProposal());
            ps.setDouble(i++, req.reachM());
            ps.setDouble(i, req.reachM());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    names.add(new String[] {rs.getString(1), rs.getString(2)});
                    rows.add(new long[] {rs.getLong(3), rs.getLong(4), rs.getLong(5)});
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("coverage query failed: " + e.getMessage(), e);
        }
        int n = rows.size();
        long totalGroup = rows.stream().mapToLong(r -> r[0]).sum();
        long totalCovered = rows.stream().mapToLong(r -> r[1]).sum();
        long totalWith = rows.stream().mapToLong(r -> r[2]).sum();
        BitSet hidden = personLevelAccess ? new BitSet() : suppress(rows, req.group().vulnerable());
        List<GridCoverage> grids = new ArrayList<>(n);
        for (int g = 0; g < n; g++) {
            long[] r = rows.get(g);
            boolean groupShown = !hidden.get(g * CELLS);
            boolean coveredShown = !hidden.get(g * CELLS + 1);
            Double share = groupShown && coveredShown && r[0] > 0 ? (double) r[1] / r[0] : null;
            Long delta = req.hasProposal() && !hidden.get(g * CELLS + 3) ? r[2] - r[1] : null;
            grids.add(new GridCoverage(names.get(g)[0], names.get(g)[1], groupShown ? r[0] : null, coveredShown ? r[1] : null,
                    share, delta));
        }
        grids.sort(Comparator.comparing((GridCoverage x) -> x.share() == null ? 2.0 : x.share())
                .thenComparing(x -> x.groupSize() == null ? 0L : -x.groupSize()).thenComparing(GridCoverage::gridCode));
        Long districtDelta = req.hasProposal() && !hidden.get(n * CELLS + 3) ? totalWith - totalCovered : null;
        return new CoverageReport(req.type().code(), req.reachM(), req.group().code(), method, hidden.get(n * CELLS) ? null : totalGroup, hidden.get(n * CELLS + 1) ? null : totalCovered,
                districtDelta, grids);
    }

    /** Buildings whose residents of the group have no facility within reach; counts only with person-level access. */
    public List<UncoveredBuilding> uncovered(CoverageRequest req, boolean personLevelAccess) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement(UNCOVERED.replace("{group}", req.group().predicate()))) {
            int i = bindYear(ps, req);
            ps.setString(i++, req.type().code());
            ps.setDouble(i, req.reachM());
            List<UncoveredBuilding> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new UncoveredBuilding(rs.getString(1), rs.getString(2), personLevelAccess ? rs.getLong(3) : null,
                            rs.getString(4)));
                }
            }
            return out;
        } catch (SQLException e) {
            throw new IllegalStateException("uncovered buildings query failed: " + e.getMessage(), e);
        }
    }

    private static int bindYear(PreparedStatement ps, CoverageRequest req) throws SQLException {
        int i = 1;
        for (int b = 0; b < req.group().yearBinds(); b++) {
            ps.setInt(i++, req.referenceYear());
        }
        return i;
    }

    private int k(boolean vulnerable) {
        return vulnerable ? policy.kVulnerable() : policy.k();
    }

    /**
     * Cells per grid: group, covered, uncovered (= group − covered, derivable), newly covered by the
     * proposal; then the district's four. Relations: group = covered + uncovered per row, and each
     * measure's grids add up to the district.
     */
    private BitSet suppress(List<long[]> rows, boolean vulnerable) {
        int n = rows.size();
        long[] values = new long[(n + 1) * CELLS];
        List<int[]> relations = new ArrayList<>();
        for (int g = 0; g < n; g++) {
            long[] r = rows.get(g);
            long[] cells = {r[0], r[1], r[0] - r[1], r[2] - r[1]};
            for (int m = 0; m < CELLS; m++) {
                values[g * CELLS + m] = cells[m];
                values[n * CELLS + m] += cells[m];
            }
        }
        for (int g = 0; g <= n; g++) {
            relations.add(new int[] {g * CELLS, g * CELLS + 1, g * CELLS + 2});
        }
        for (int m = 0; m < CELLS; m++) {
            int[] rel = new int[n + 1];
            rel[0] = n * CELLS + m;
            for (int g = 0; g < n; g++) {
                rel[g + 1] = g * CELLS + m;
            }
            relations.add(rel);
        }
        int[] k = new int[values.length];
        java.util.Arrays.fill(k, k(vulnerable));
        return SmallCountSuppressor.suppress(new AdditiveTable(values, k, relations));
    }
}
