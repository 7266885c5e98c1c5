package org.gridlens.geodata.dictionary;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;

/** Reads the dictionary tables (V10) into a {@link DataDictionary}. Each call reads afresh; callers cache if they want. */
public final class DictionaryRepository {

    private final DataSource dataSource;

    public DictionaryRepository(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    public DataDictionary load() throws SQLException {
        List<DictionaryField> fields = new ArrayList<>();
        Map<String, List<CodeEntry>> lists = new LinkedHashMap<>();
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            try (ResultSet rs = s.executeQuery("SELECT layer, field, name_zh, name_en, type, unit, code_list, required, sensitivity,"
                    + " description FROM dictionary_field ORDER BY layer, ord")) {
                while (rs.next()) {
                    fields.add(new DictionaryField(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                            FieldType.of(rs.getString(5)), rs.getString(6), rs.getString(7), rs.getBoolean(8),
                            Sensitivity.of(rs.getString(9)), rs.getString(10)));
                }
            }
            try (ResultSet rs = s.executeQuery("SELECT list, code, parent_code, name_zh, name_en, time_limit_hours FROM code_list"
                    + " ORDER BY list, code")) {
                while (rs.next()) {
                    int limit = rs.getInt(6);
                    lists.computeIfAbsent(rs.getString(1), k -> new ArrayList<>()).add(new CodeEntry(rs.getString(2),
                            rs.getString(3), rs.getString(4), rs.getString(5), rs.wasNull() ? null : limit));
                }
            }
        }
        return new DataDictionary(fields, lists);
    }
}
