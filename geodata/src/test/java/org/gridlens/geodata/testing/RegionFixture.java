package org.gridlens.geodata.testing;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import javax.sql.DataSource;

/**
 * A tiny district built in code for tests: one district square near Xining split into one subdistrict,
 * one community and a 2 x 2 block of management grids, plus their 100 m unit cells.
 *
 * <p>The square spans {@link #WEST}..{@link #EAST}, {@link #SOUTH}..{@link #NORTH} (WGS84). Grid names
 * are deliberately hostile (quotes, a backslash, an emoji, SQL text) to prove nothing is spliced.
 */
public final class RegionFixture {

    public static final double WEST = 101.80;
    public static final double EAST = 101.82;
    public static final double SOUTH = 36.60;
    public static final double NORTH = 36.62;
    public static final String[] GRID_NAMES = {
        "东关网格 'A'", "网格 \"B\" \\ ;", "网格 C 🚧", "x'); DROP TABLE region; --"
    };

    private RegionFixture() {
    }

    /** Inserts the fixture; returns the number of grids (4). */
    public static int insert(DataSource ds) throws SQLException {
        try (Connection c = ds.getConnection()) {
            c.setAutoCommit(false);
            String box = "ST_Multi(ST_MakeEnvelope(?, ?, ?, ?, 4326))";
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO region(code, district_code, level, parent_code, name, name_en, geom)"
                    + " VALUES (?, '630102', ?, ?, ?, ?, " + box + ")")) {
                add(ps, "630102", "district", null, "城东区", "Chengdong", WEST, SOUTH, EAST, NORTH);
                add(ps, "630102001", "subdistrict", "630102", "东关大街街道", "Dongguan", WEST, SOUTH, EAST, NORTH);
                add(ps, "630102001001", "community", "630102001", "清真巷社区", "Qingzhenxiang", WEST, SOUTH, EAST, NORTH);
                double midX = (WEST + EAST) / 2;
                double midY = (SOUTH + NORTH) / 2;
                double[][] boxes = {
                    {WEST, midY, midX, NORTH}, {midX, midY, EAST, NORTH}, {WEST, SOUTH, midX, midY}, {midX, SOUTH, EAST, midY}
                };
                for (int i = 0; i < 4; i++) {
                    add(ps, "630102001001" + String.format("%03d", i + 1), "grid", "630102001001", GRID_NAMES[i], "Grid " + (i + 1),
                            boxes[i][0], boxes[i][1], boxes[i][2], boxes[i][3]);
                }
                ps.executeBatch();
            }
            c.commit();
        }
        return 4;
    }

    private static void add(PreparedStatement ps, String code, String level, String parent, String name, String nameEn,
                            double w, double s, double e, double n) throws SQLException {
        ps.setString(1, code);
        ps.setString(2, level);
        ps.setString(3, parent);
        ps.setString(4, name);
        ps.setString(5, nameEn);
        ps.setDouble(6, w);
        ps.setDouble(7, s);
        ps.setDouble(8, e);
        ps.setDouble(9, n);
        ps.addBatch();
    }
}
