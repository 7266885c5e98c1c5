package org.gridlens.geodata.analytics.stats;

import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import javax.sql.DataSource;
import org.gridlens.geodata.analytics.TimeWindow;
import org.gridlens.geodata.sql.SqlResource;

/**
 * Statistics for every region at once: four grouped queries per grid (people, housing, incidents,
 * KPI counts), rolled up grid → community → subdistrict → district in Java so every level is the exact
 * sum of its children (incidents outside every grid are not counted at any level).
 *
 * <p>For callers without person-level access the people counts go through
 * {@link SmallCountSuppressor} over the whole hierarchy at once, with the relations an attacker knows:
 * each parent = Σ children for every measure, and within each region residents = the three age bands
 * = registered + floating. Density and incidents per 1,000 residents are withheld with residents.
 */
public final class GridStatisticsCalculator {

    private static final String REGIONS = SqlResource.load(GridStatisticsCalculator.class, "regions.sql");
    private static final String PEOPLE = SqlResource.load(GridStatisticsCalculator.class, "people_by_grid.sql");
    private static final String HOUSING = SqlResource.load(GridStatisticsCalculator.class, "housing_by_grid.sql");
    private static final String INCIDENTS = SqlResource.load(GridStatisticsCalculator.class, "incidents_by_grid.sql");
    private static final String KPIS = SqlResource.load(GridStatisticsCalculator.class, "kpis_by_grid.sql");
    private static final PeopleMeasure[] MEASURES = PeopleMeasure.values();
    private static final int KPI_COUNTS = 8;

    private final DataSource dataSource;
    private final SuppressionPolicy policy;

    public GridStatisticsCalculator(DataSource dataSource, SuppressionPolicy policy) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
        this.policy = Objects.requireNonNull(policy, "policy");
    }

    /** Statistics of every region, district first, then subdistricts, communities and grids by code. */
    public List<RegionStatistics> compute(TimeWindow window, boolean personLevelAccess) {
        Map<String, Node> nodes = new LinkedHashMap<>();
        try (Connection c = dataSource.getConnection()) {
            c.setReadOnly(true);
            try (PreparedStatement ps = c.prepareStatement(REGIONS); ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    nodes.put(rs.getString(1), new Node(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                            rs.getDouble(5)));
                }
            }
            int refYear = window.to().minusDays(1).getYear();
            try (PreparedStatement ps = c.prepareStatement(PEOPLE)) {
                ps.setInt(1, refYear);
                ps.setInt(2, refYear);
                ps.setInt(3, refYear);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        long[] v = new long[MEASURES.length];
                        for (int m = 0; m < v.length; m++) {
                            v[m] = rs.getLong(m + 2);
                        }
                        rollUp(nodes, rs.getString(1), n -> add(n.people, v));
                    }
                }
            }
            try (PreparedStatement ps = c.prepareStatement(HOUSING); ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    long b = rs.getLong(2);
                    long h = rs.getLong(3);
                    rollUp(nodes, rs.getString(1), n -> {
                        n.buildings += b;
                        n.housingUnits += h;
                    });
                }
            }
            try (PreparedStatement ps = windowed(c, INCIDENTS, window); ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String dim = rs.getString(2);
                    String key = rs.getString(3);
                    long count = rs.getLong(4);
                    rollUp(nodes, rs.getString(1), n -> {
                        Map<String, Long> target = switch (dim) {
                            case "category" -> n.byCategory;
                            case "source" -> n.bySource;
                            default -> n.byStage;
                        };
                        target.merge(key, count, Long::sum);
                        if ("category".equals(dim)) {
                            n.incidents += count;
                        }
                    });
                }
            }
            try (PreparedStatement ps = windowed(c, KPIS, window); ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    long[] v = new long[KPI_COUNTS];
                    for (int m = 0; m < KPI_COUNTS; m++) {
                        v[m] = rs.getLong(m + 2);
                    }
                    double hours = rs.getDouble(KPI_COUNTS + 2);
                    rollUp(nodes, rs.getString(1), n -> {
                        add(n.kpi, v);
                        n.handledHours += hours;
                    });
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("grid statistics failed: " + e.getMessage(), e);
        }
        BitSet hidden = personLevelAccess ? new BitSet() : suppress(new ArrayList<>(nodes.values()));
        List<RegionStatistics> out = new ArrayList<>(nodes.size());
        int i = 0;
        for (Node n : nodes.values()) {
            Map<String, Long> people = new LinkedHashMap<>();
            for (int m = 0; m < MEASURES.length; m++) {
                people.put(MEASURES[m].label(), hidden.get(i * MEASURES.length + m) ? null : n.people[m]);
            }
            boolean residentsShown = people.get(PeopleMeasure.RESIDENTS.label()) != null;
            long residents = n.people[PeopleMeasure.RESIDENTS.ordinal()];
            double areaKm2 = n.areaM2 / 1e6;
            Double density = residentsShown && areaKm2 > 0 ? residents / areaKm2 : null;
            Double per1000 = residentsShown && residents > 0 ? n.incidents * 1000.0 / residents : null;
            out.add(new RegionStatistics(n.code, n.name, n.level, n.parent, areaKm2, people, density, n.buildings,
                    n.housingUnits, n.incidents, n.byCategory, n.bySource, n.byStage, per1000, CaseKpis.of(n.kpi, n.handledHours),
                    !personLevelAccess));
            i++;
        }
        return out;
    }

    private BitSet suppress(List<Node> list) {
        int measures = MEASURES.length;
        Map<String, Integer> index = new HashMap<>();
        for (int i = 0; i < list.size(); i++) {
            index.put(list.get(i).code, i);
        }
        long[] values = new long[list.size() * measures];
        int[] k = new int[values.length];
        List<int[]> relations = new ArrayList<>();
        Map<Integer, List<Integer>> children = new TreeMap<>();
        for (int i = 0; i < list.size(); i++) {
            Node n = list.get(i);
            for (int m = 0; m < measures; m++) {
                values[i * measures + m] = n.people[m];
                k[i * measures + m] = policy.threshold(MEASURES[m]);
            }
            int base = i * measures;
            relations.add(new int[] {base, base + PeopleMeasure.AGE_0_14.ordinal(), base + PeopleMeasure.AGE_15_64.ordinal(),
                base + PeopleMeasure.AGE_65_PLUS.ordinal()});
            relations.add(new int[] {base, base + PeopleMeasure.REGISTERED.ordinal(), base + PeopleMeasure.FLOATING.ordinal()});
            Integer p = n.parent == null ? null : index.get(n.parent);
            if (p != null) {
                children.computeIfAbsent(p, x -> new ArrayList<>()).add(i);
            }
        }
        for (Map.Entry<Integer, List<Integer>> e : children.entrySet()) {
            for (int m = 0; m < measures; m++) {
                int[] rel = new int[e.getValue().size() + 1];
                rel[0] = e.getKey() * measures + m;
                for (int c = 0; c < e.getValue().size(); c++) {
                    rel[c + 1] = e.getValue().get(c) * measures + m;
                }
                relations.add(rel);
            }
        }
        return SmallCountSuppressor.suppress(new AdditiveTable(values, k, relations));
    }

    private static PreparedStatement windowed(Connection c, String sql, TimeWindow w) throws SQLException {
        PreparedStatement ps = c.prepareStatement(sql);
        ps.setDate(1, Date.valueOf(w.from()));
        ps.setDate(2, Date.valueOf(w.to()));
        return ps;
    }

    private static void rollUp(Map<String, Node> nodes, String gridCode, java.util.function.Consumer<Node> action) {
        Node n = nodes.get(gridCode);
        int guard = 0;
        while (n != null && guard++ < 10) {
            action.accept(n);
            n = n.parent == null ? null : nodes.get(n.parent);
        }
    }

    private static void add(long[] into, long[] v) {
        for (int i = 0; i < v.length; i++) {
            into[i] += v[i];
        }
    }

    private static final class Node {
        final String code;
        final String name;
        final String level;
        final String parent;
        final double areaM2;
        final long[] people = new long[MEASURES.length];
        final long[] kpi = new long[KPI_COUNTS];
        final Map<String, Long> byCategory = new TreeMap<>();
        final Map<String, Long> bySource = new TreeMap<>();
        final Map<String, Long> byStage = new TreeMap<>();
        long buildings;
        long housingUnits;
        long incidents;
        double handledHours;

        Node(String code, String name, String level, String parent, double areaM2) {
            this.code = code;
            this.name = name;
            this.level = level;
            this.parent = parent;
            this.areaM2 = areaM2;
        }
    }
}
