package org.gridlens.geodata.intake;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import javax.sql.DataSource;
import org.gridlens.geodata.crs.Gcj02;
import org.gridlens.geodata.region.GridCellIndex;
import org.gridlens.geodata.sql.SqlResource;

/**
 * Stores reports idempotently: each report is checked (code list, district, clock, location), located
 * in WGS84, and the valid ones of a request are inserted in <em>one</em> transaction by one multi-row
 * {@code INSERT … ON CONFLICT (source, source_id) DO NOTHING} together with their 'report' stage event
 * (from bound arrays; from {@value #STAGE_FROM} distinct reports on, from a staging table filled by COPY,
 * see {@link ReportStager}).
 *
 * <p>Guarantees:
 * <ul>
 *   <li>A result of {@link IntakeOutcome#ACCEPTED} is returned only after the transaction committed.</li>
 *   <li>Resending a source id never stores a second row: the same payload (by SHA-256 of the normalised
 *       report) gives {@link IntakeOutcome#DUPLICATE} with the original record, a different one
 *       {@link IntakeOutcome#CONFLICT}. This holds between concurrent requests too (the unique key
 *       decides) and inside one batch.</li>
 *   <li>A rejected report writes nothing and does not affect the others of its batch.</li>
 *   <li>Grid and unit cell are assigned in the same insert (found in memory by {@link CellLocator}, by the
 *       database's rule) and returned.</li>
 * </ul>
 * A deadlock or serialisation failure (two batches touching the same daily aggregates) is retried
 * up to three times; other database failures propagate as {@link IntakeStoreException} with nothing
 * committed.
 */
public final class IncidentIntake {

    private static final String INSERT = SqlResource.load(IncidentIntake.class, "insert-batch.sql");
    private static final String INSERT_STAGED = SqlResource.load(IncidentIntake.class, "insert-staged.sql");
    /**
     * From this many distinct reports on, a batch is copied into a staging table (COPY) and inserted
     * from there; smaller ones (the group commits of single reports) bind arrays, one round trip.
     */
    static final int STAGE_FROM = 200;
    private static final String EXISTING = SqlResource.load(IncidentIntake.class, "find-existing.sql");
    private static final String ADDRESSES = SqlResource.load(IncidentIntake.class, "resolve-addresses.sql");
    private static final String HOUSEHOLDS = SqlResource.load(IncidentIntake.class, "resolve-households.sql");
    private static final HexFormat HEX = HexFormat.of();
    /** Priority bonus of an order from a vulnerable household: above any urgency of the others. */
    public static final int VULNERABLE_BONUS = 10;

    private final DataSource dataSource;
    private final CategoryCodes categories;
    private final DistrictBoundary district;
    private final CellLocator cells;
    private final IntakeRules rules;

    public IncidentIntake(DataSource dataSource, CategoryCodes categories, DistrictBoundary district, CellLocator cells,
                          IntakeRules rules) {
        this.dataSource = dataSource;
        this.categories = categories;
        this.district = district;
        this.cells = cells;
        this.rules = rules;
    }

    public IntakeRules rules() {
        return rules;
    }

    /** A report that passed every check, located in WGS84, with its payload hash (hex) computed once. */
    record Checked(int index, IncidentReport report, Category category, double lon, double lat, String crs,
                   Integer addressId, Integer housingUnitId, boolean vulnerable, int priority,
                   GridCellIndex.Placement placement, String payloadHashHex) {
        String key() {
            return report.source().code() + "\u0000" + report.sourceId();
        }
    }

    private record Place(int id, double lon, double lat, Integer housingUnitId, boolean vulnerable) {
    }

    /** Stores one report. */
    public IntakeResult submit(IncidentReport report) {
        return submit(List.of(report)).get(0);
    }

    /**
     * Stores a batch; returns one result per report, in order.
     *
     * @throws IllegalArgumentException when the batch is empty or larger than {@link IntakeRules#maxBatch()}
     */
    public List<IntakeResult> submit(List<IncidentReport> reports) {
        return submit(reports, null);
    }

    /**
     * Stores a batch as {@link #submit(List)} does, each statement limited to {@code statementTimeout}
     * (whole seconds, rounded up) by the driver instead of a session setting: a thread that stores
     * many groups on pooled connections then spends no round trip per checkout on {@code SET
     * statement_timeout} and its reset. A statement over the limit is cancelled (SQL state 57014, as
     * for the session limit) and nothing of the batch is committed. Null: the connection's own limit.
     */
    public List<IntakeResult> submit(List<IncidentReport> reports, Duration statementTimeout) {
        if (reports.isEmpty() || reports.size() > rules.maxBatch()) {
            throw new IllegalArgumentException("a batch holds 1 to " + rules.maxBatch() + " reports, not " + reports.size());
        }
        IntakeResult[] results = new IntakeResult[reports.size()];
        int timeout = statementTimeout == null ? 0 : (int) Math.max(1, (statementTimeout.toMillis() + 999) / 1000);
        Map<String, Place> addresses = resolve(ADDRESSES, codes(reports, true), timeout);
        Map<String, Place> households = resolve(HOUSEHOLDS, codes(reports, false), timeout);
        List<Checked> valid = new ArrayList<>();
        for (int i = 0; i < reports.size(); i++) {
            IncidentReport r = reports.get(i);
            List<String> reasons = new ArrayList<>();
            Checked c = check(i, r, addresses, households, reasons);
            if (c == null) {
                results[i] = IntakeResult.rejected(i, r.sourceId(), reasons);
            } else {
                valid.add(c);
            }
        }
        if (!valid.isEmpty()) {
            store(valid, results, timeout);
        }
        return List.of(results);
    }

    private Checked check(int i, IncidentReport r, Map<String, Place> addresses, Map<String, Place> households,
                          List<String> reasons) {
        Category cat = categories.find(r.categoryCode()).orElse(null);
        if (cat == null) {
            reasons.add(categories.isMajorClass(r.categoryCode())
                    ? "category '" + r.categoryCode() + "' is a major class; give one of its minor classes"
                    : "unknown category '" + r.categoryCode() + "'");
        }
        Instant now = rules.clock().instant();
        if (r.reportedAt().isAfter(now.plus(rules.clockSkew()))) {
            reasons.add("reportedAt " + r.reportedAt() + " lies in the future (more than " + rules.clockSkew().toSeconds()
                    + " s ahead of the server clock)");
        }
        if (r.reportedAt().isBefore(rules.earliest())) {
            reasons.add("reportedAt " + r.reportedAt() + " is before " + rules.earliest());
        }
        boolean order = cat != null && cat.kind().equals("service_order");
        Place household = null;
        if (cat != null && !order && (r.householdCode() != null || r.urgency() != null)) {
            reasons.add("household and urgency apply to service orders (categories S…) only");
        }
        if (order) {
            if (r.householdCode() == null) {
                reasons.add("a service order needs the ordering household (its housing-unit code)");
            } else {
                household = households.get(r.householdCode());
                if (household == null) {
                    reasons.add("unknown household (housing-unit code) '" + r.householdCode() + "'");
                }
            }
        }
        double lon = Double.NaN;
        double lat = Double.NaN;
        String crs;
        Integer addressId = null;
        Integer housingUnitId = household == null ? null : household.id();
        ReportLocation loc = r.location();
        if (loc.isPoint()) {
            crs = loc.crs().name();
            double[] wgs = toWgs84(loc.lon(), loc.lat(), loc.crs());
            if (!district.isLoaded()) {
                reasons.add("no district boundary is loaded; points cannot be accepted yet");
            } else if (district.contains(wgs[0], wgs[1])) {
                lon = wgs[0];
                lat = wgs[1];
            } else {
                double[] swapped = toWgs84(loc.lat(), loc.lon(), loc.crs());
                if (Math.abs(loc.lat()) <= 180 && district.contains(swapped[0], swapped[1])) {
                    reasons.add("coordinates (" + loc.lon() + ", " + loc.lat() + ") lie outside the district but would lie"
                            + " inside with lon and lat swapped: send lon first, then lat");
                } else {
                    reasons.add("coordinates (" + loc.lon() + ", " + loc.lat() + ", " + loc.crs() + ") lie outside the district");
                }
            }
        } else if (loc.addressCode() != null) {
            crs = "address";
            Place a = addresses.get(loc.addressCode());
            if (a == null) {
                reasons.add("unknown address code '" + loc.addressCode() + "'");
            } else {
                addressId = a.id();
                lon = a.lon();
                lat = a.lat();
            }
        } else {
            crs = "housing_unit";
            Place h = households.get(loc.housingUnitCode());
            if (h == null) {
                reasons.add("unknown housing-unit code '" + loc.housingUnitCode() + "'");
            } else {
                housingUnitId = housingUnitId == null ? h.id() : housingUnitId;
                lon = h.lon();
                lat = h.lat();
            }
        }
        if (!reasons.isEmpty()) {
            return null;
        }
        boolean vulnerable = household != null && household.vulnerable();
        int priority = order ? (r.urgency() == null ? Urgency.NORMAL : r.urgency()).rank() + (vulnerable ? VULNERABLE_BONUS : 0) : 0;
        return new Checked(i, r, cat, lon, lat, crs, addressId, housingUnitId, vulnerable, priority, cells.place(lon, lat),
                HEX.formatHex(r.payloadHash()));
    }

    private static double[] toWgs84(double lon, double lat, LocationCrs crs) {
        // CGCS2000 and WGS84 agree to well under a metre: stored unchanged (see LocationCrs).
        return crs == LocationCrs.GCJ02 ? Gcj02.toWgs84(lon, lat) : new double[] {lon, lat};
    }

    private static Set<String> codes(List<IncidentReport> reports, boolean addressCodes) {
        Set<String> codes = new TreeSet<>();
        for (IncidentReport r : reports) {
            if (addressCodes) {
                if (r.location().addressCode() != null) {
                    codes.add(r.location().addressCode());
                }
            } else {
                if (r.location().housingUnitCode() != null) {
                    codes.add(r.location().housingUnitCode());
                }
                if (r.householdCode() != null) {
                    codes.add(r.householdCode());
                }
            }
        }
        return codes;
    }

    private Map<String, Place> resolve(String sql, Set<String> codes, int timeoutSeconds) {
        Map<String, Place> out = new HashMap<>();
        if (codes.isEmpty()) {
            return out;
        }
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setQueryTimeout(timeoutSeconds);
            ps.setArray(1, c.createArrayOf("text", codes.toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    int hu = rs.getInt("housing_unit_id");
                    out.put(rs.getString("code"), new Place(rs.getInt("id"), rs.getDouble("lon"), rs.getDouble("lat"),
                            rs.wasNull() ? null : hu, rs.getBoolean("vulnerable")));
                }
            }
        } catch (SQLException e) {
            throw new IntakeStoreException(e);
        }
        return out;
    }

    private void store(List<Checked> valid, IntakeResult[] results, int timeoutSeconds) {
        for (int attempt = 1; ; attempt++) {
            try {
                storeOnce(valid, results, timeoutSeconds);
                return;
            } catch (SQLException e) {
                boolean retryable = "40P01".equals(e.getSQLState()) || "40001".equals(e.getSQLState());
                if (!retryable || attempt >= 3) {
                    throw new IntakeStoreException(e);
                }
            }
        }
    }

    private void storeOnce(List<Checked> valid, IntakeResult[] results, int timeoutSeconds) throws SQLException {
        String districtCode = district.districtCode().orElseThrow();
        // First report of each key inserts; later ones with the same key are checked against it.
        Map<String, Checked> firstByKey = new LinkedHashMap<>();
        for (Checked c : valid) {
            firstByKey.putIfAbsent(c.key(), c);
        }
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                Map<String, IntakeResult> stored = new HashMap<>();
                List<Checked> inserted = List.copyOf(firstByKey.values());
                boolean staged = inserted.size() >= STAGE_FROM;
                if (staged) {
                    ReportStager.stage(c, inserted);
                }
                try (PreparedStatement ps = c.prepareStatement(staged ? INSERT_STAGED : INSERT)) {
                    ps.setQueryTimeout(timeoutSeconds);
                    if (staged) {
                        ps.setString(1, districtCode);
                    } else {
                        bindInsert(c, ps, inserted, districtCode);
                    }
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            IntakeResult r = row(rs, IntakeOutcome.ACCEPTED);
                            stored.put(rs.getString("source") + "\u0000" + r.sourceId(), r);
                        }
                    }
                }
                Map<String, String> hashes = new HashMap<>();
                List<Checked> missing = valid.stream().filter(v -> !stored.containsKey(v.key())).toList();
                if (!missing.isEmpty()) {
                    try (PreparedStatement ps = c.prepareStatement(EXISTING)) {
                        ps.setQueryTimeout(timeoutSeconds);
                        ps.setArray(1, c.createArrayOf("text", missing.stream().map(m -> m.report().source().code()).toArray()));
                        ps.setArray(2, c.createArrayOf("text", missing.stream().map(m -> m.report().sourceId()).toArray()));
                        try (ResultSet rs = ps.executeQuery()) {
                            while (rs.next()) {
                                IntakeResult r = row(rs, IntakeOutcome.DUPLICATE);
                                String key = rs.getString("source") + "\u0000" + r.sourceId();
                                stored.putIfAbsent(key, r);
                                hashes.put(key, rs.getString("payload_hash"));
                            }
                        }
                    }
                }
                c.commit();
                for (Checked v : valid) {
                    IntakeResult r = stored.get(v.key());
                    if (r == null) {
                        throw new SQLException("intake lost track of report " + v.report().sourceId(), "XX000");
                    }
                    boolean inserter = r.outcome() == IntakeOutcome.ACCEPTED && firstByKey.get(v.key()) == v;
                    String mine = v.payloadHashHex();
                    String theirs = r.outcome() == IntakeOutcome.ACCEPTED
                            ? firstByKey.get(v.key()).payloadHashHex() : hashes.get(v.key());
                    if (inserter) {
                        results[v.index()] = r.withOutcome(v.index(), IntakeOutcome.ACCEPTED, List.of());
                    } else if (mine.equals(theirs)) {
                        results[v.index()] = r.withOutcome(v.index(), IntakeOutcome.DUPLICATE, List.of());
                    } else {
                        results[v.index()] = r.withOutcome(v.index(), IntakeOutcome.CONFLICT,
                                List.of("source id '" + v.report().sourceId() + "' of " + v.report().source().code()
                                        + " was already used for a different report (incident " + r.incidentId() + ")"));
                    }
                }
            } catch (SQLException | RuntimeException e) {
                try {
                    c.rollback();
                } catch (SQLException rollbackFailed) {
                    e.addSuppressed(rollbackFailed); // keep the original cause (and its SQL state)
                }
                throw e;
            }
        }
    }

    private static IntakeResult row(ResultSet rs, IntakeOutcome outcome) throws SQLException {
        int cell = rs.getInt("cell_id");
        Integer cellId = rs.wasNull() ? null : cell;
        java.sql.Timestamp at = rs.getTimestamp("accepted_at");
        return new IntakeResult(0, rs.getString("source_id"), outcome, rs.getLong("id"), rs.getString("kind"),
                rs.getString("status"), rs.getString("grid_code"), cellId, at == null ? null : at.toInstant(), List.of());
    }

    /** Number of insert columns of a checked report, in the order of {@link #columns}. */
    static final int COLUMNS = 19;

    /**
     * The insert columns of one checked report, in the order of insert-batch.sql's unnest and of the
     * staging table (stage-reports.sql): source, source_id, kind, category_code, description, address_id,
     * reported_at (ISO-8601 text), lon, lat, location_crs, photo_url, housing_unit_id, urgency,
     * vulnerable, priority, payload_hash (hex), order_limit_hours, grid_code, cell_id.
     */
    static Object[] columns(Checked r) {
        IncidentReport p = r.report();
        String kind = r.category().kind();
        boolean order = kind.equals("service_order");
        return new Object[] {
            p.source().code(), p.sourceId(), kind, r.category().code(), p.description(), r.addressId(),
            java.time.OffsetDateTime.ofInstant(p.reportedAt(), java.time.ZoneOffset.UTC).toString(), r.lon(), r.lat(), r.crs(),
            p.photoUrl(), r.housingUnitId(), order ? (p.urgency() == null ? Urgency.NORMAL : p.urgency()).code() : null,
            r.vulnerable(), r.priority(), r.payloadHashHex(), order ? r.category().timeLimitHours() : null,
            r.placement().gridCode(), r.placement().cellId()};
    }

    /** SQL array element types of {@link #columns}, for binding them as arrays. */
    private static final String[] ARRAY_TYPES = {"text", "text", "text", "text", "text", "int4", "text", "float8", "float8",
        "text", "text", "int4", "text", "bool", "int4", "text", "int4", "text", "int4"};

    private static void bindInsert(Connection c, PreparedStatement ps, List<Checked> rows, String districtCode)
            throws SQLException {
        int n = rows.size();
        Object[][] byColumn = new Object[COLUMNS][n];
        for (int i = 0; i < n; i++) {
            Object[] row = columns(rows.get(i));
            for (int k = 0; k < COLUMNS; k++) {
                byColumn[k][i] = row[k];
            }
        }
        for (int k = 0; k < COLUMNS; k++) {
            ps.setArray(k + 1, c.createArrayOf(ARRAY_TYPES[k], byColumn[k]));
        }
        ps.setString(COLUMNS + 1, districtCode);
    }
}
