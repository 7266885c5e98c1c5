package org.gridlens.geodata.analytics.stats;

import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
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
 * Statistics for every region at once: figures per grid, rolled up grid → community → subdistrict →
 * district in Java so every level is the exact sum of its children (incidents outside every grid are
 * not counted at any level).
 *
 * <p>The per-grid figures come from roll-ups kept exact by triggers (migrations V32, V33), so the cost
 * does not grow with the number of residents or incidents: people and housing from one row per grid;
 * incidents by category, source and status from one count array per grid and whole month, and from
 * the incident table for the days of partial months ({@link WindowSplit}); the one-dimensional KPI
 * counts by month and day; the point-in-time ones (cases still open at the window end, overdue at the
 * earlier of window end and now) from small index ranges. The figures equal those of the definitions
 * over the base tables ({@code GridStatisticsRollupTest} compares both after writes); the average
 * handling time is summed in whole microseconds, so it may differ from a floating-point sum in the
 * last digits.
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
    private static final String POPULATION = SqlResource.load(GridStatisticsCalculator.class, "population_by_grid.sql");
    private static final String ROLLUP_KEYS = SqlResource.load(GridStatisticsCalculator.class, "rollup_keys.sql");
    private static final String INCIDENTS_BY_MONTH = SqlResource.load(GridStatisticsCalculator.class,
            "incidents_by_grid_month.sql");
    private static final String KPI_COUNTS_SQL = SqlResource.load(GridStatisticsCalculator.class, "kpi_counts_by_grid.sql");
    private static final String KPI_INSTANTS = SqlResource.load(GridStatisticsCalculator.class, "kpi_instants_by_grid.sql");
    /** grid_population.by_birth_year element 1 counts this birth year (resident.birth_year >= 1890). */
    private static final int FIRST_BIRTH_YEAR = 1890;
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
        return compute(window, personLevelAccess, true);
    }

    /**
     * As {@link #compute(TimeWindow, boolean)}, from the roll-ups of migrations V32/V33 or, for tests that
     * check the roll-ups against their definition, from the base tables (seconds on the district).
     */
    List<RegionStatistics> compute(TimeWindow window, boolean personLevelAccess, boolean fromRollups) {
        Map<String, Node> nodes = new LinkedHashMap<>();
        try (Connection c = dataSource.getConnection()) {
            c.setReadOnly(true);
            try (PreparedStatement ps = c.prepareStatement(REGIONS); ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    nodes.put(rs.getString(1), new Node(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                            rs.getDouble(5)));
                }
            }
            if (fromRollups) {
                readRollups(c, nodes, window);
            } else {
                readBaseTables(c, nodes, window);
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

    /** People and housing from grid_population; incidents and KPIs by {@link WindowSplit}. */
    private static void readRollups(Connection c, Map<String, Node> nodes, TimeWindow window) throws SQLException {
        int refYear = window.to().minusDays(1).getYear();
        try (PreparedStatement ps = c.prepareStatement(POPULATION); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                long[] v = new long[MEASURES.length];
                Object years = rs.getArray(2).getArray();
                int[] byYear = years instanceof Integer[] boxed ? unbox(boxed) : (int[]) years;
                for (int i = 0; i < byYear.length; i++) {
                    int age = refYear - (FIRST_BIRTH_YEAR + i);
                    int n = byYear[i];
                    v[PeopleMeasure.RESIDENTS.ordinal()] += n;
                    PeopleMeasure band = age <= 14 ? PeopleMeasure.AGE_0_14 : age <= 64 ? PeopleMeasure.AGE_15_64
                            : PeopleMeasure.AGE_65_PLUS;
                    v[band.ordinal()] += n;
                }
                v[PeopleMeasure.ELDERLY_LIVING_ALONE.ordinal()] = rs.getLong(3);
                v[PeopleMeasure.DISABLED.ordinal()] = rs.getLong(4);
                v[PeopleMeasure.LOW_INCOME.ordinal()] = rs.getLong(5);
                v[PeopleMeasure.REGISTERED.ordinal()] = rs.getLong(6);
                v[PeopleMeasure.FLOATING.ordinal()] = rs.getLong(7);
                long b = rs.getLong(8);
                long h = rs.getLong(9);
                rollUp(nodes, rs.getString(1), n -> {
                    add(n.people, v);
                    n.buildings += b;
                    n.housingUnits += h;
                });
            }
        }
        WindowSplit split = WindowSplit.of(window);
        if (split.hasMonths()) {
            List<String[]> keys = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement(ROLLUP_KEYS); ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    int pos = rs.getInt(1);
                    while (keys.size() <= pos) {
                        keys.add(null);
                    }
                    keys.set(pos, new String[] {rs.getString(2), rs.getString(3)});
                }
            }
            // add the months per grid first, then roll each grid's totals up once per key
            Map<String, long[]> perGrid = new HashMap<>();
            try (PreparedStatement ps = c.prepareStatement(INCIDENTS_BY_MONTH)) {
                ps.setDate(1, Date.valueOf(split.monthsFrom()));
                ps.setDate(2, Date.valueOf(split.monthsTo()));
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        Object counts = rs.getArray(2).getArray();
                        int[] a = counts instanceof Integer[] boxed ? unbox(boxed) : (int[]) counts;
                        long[] sum = perGrid.computeIfAbsent(rs.getString(1), g -> new long[keys.size()]);
                        for (int pos = 1; pos <= a.length && pos < sum.length; pos++) {
                            sum[pos] += a[pos - 1];
                        }
                    }
                }
            }
            for (Map.Entry<String, long[]> e : perGrid.entrySet()) {
                long[] sum = e.getValue();
                for (int pos = 1; pos < sum.length; pos++) {
                    if (sum[pos] != 0 && keys.get(pos) != null) {
                        String[] k = keys.get(pos);
                        String dim = switch (k[0]) {
                            case "c" -> "category";
                            case "s" -> "source";
                            default -> "stage";
                        };
                        countIncidents(nodes, e.getKey(), dim, k[1], sum[pos]);
                    }
                }
            }
        }
        for (LocalDate[] days : split.days()) {
            readIncidents(c, nodes, days[0], days[1]);
        }
        try (PreparedStatement ps = c.prepareStatement(KPI_COUNTS_SQL)) {
            ps.setDate(1, Date.valueOf(split.monthsFrom()));
            ps.setDate(2, Date.valueOf(split.monthsTo()));
            List<LocalDate[]> days = split.days();
            for (int i = 0; i < 2; i++) {
                LocalDate[] d = i < days.size() ? days.get(i) : new LocalDate[] {window.from(), window.from()};
                ps.setDate(3 + 2 * i, Date.valueOf(d[0]));
                ps.setDate(4 + 2 * i, Date.valueOf(d[1]));
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    long[] v = new long[KPI_COUNTS];
                    v[0] = rs.getLong(2); // registered (closed of them: below, registered − still open)
                    v[1] = rs.getLong(2);
                    v[2] = rs.getLong(3);
                    v[3] = rs.getLong(4);
                    v[4] = rs.getLong(5);
                    v[5] = rs.getLong(6);
                    v[7] = rs.getLong(7);
                    double hours = rs.getLong(8) / 3.6e9;
                    rollUp(nodes, rs.getString(1), n -> {
                        add(n.kpi, v);
                        n.handledHours += hours;
                    });
                }
            }
        }
        try (PreparedStatement ps = windowed(c, KPI_INSTANTS, window); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                long[] v = new long[KPI_COUNTS];
                v[1] = -rs.getLong(2);
                v[6] = rs.getLong(3);
                rollUp(nodes, rs.getString(1), n -> add(n.kpi, v));
            }
        }
    }

    /** The definitions, straight from the base tables. */
    private static void readBaseTables(Connection c, Map<String, Node> nodes, TimeWindow window) throws SQLException {
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
        readIncidents(c, nodes, window.from(), window.to());
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
    }

    /** Incidents by category, source and status reported in the local days [from, to), from incident. */
    private static void readIncidents(Connection c, Map<String, Node> nodes, LocalDate from, LocalDate to)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(INCIDENTS)) {
            ps.setDate(1, Date.valueOf(from));
            ps.setDate(2, Date.valueOf(to));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    countIncidents(nodes, rs.getString(1), rs.getString(2), rs.getString(3), rs.getLong(4));
                }
            }
        }
    }

    private static void countIncidents(Map<String, Node> nodes, String gridCode, String dim, String key, long count) {
        rollUp(nodes, gridCode, n -> {
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

    private static int[] unbox(Integer[] boxed) {
        int[] a = new int[boxed.length];
        for (int i = 0; i < a.length; i++) {
            a[i] = boxed[i] == null ? 0 : boxed[i];
        }
        return a;
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
