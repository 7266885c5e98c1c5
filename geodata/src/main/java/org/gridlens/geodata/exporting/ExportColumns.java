package org.gridlens.geodata.exporting;

import java.util.List;
import org.gridlens.geodata.dictionary.FieldType;

/**
 * The non-geometry columns a layer exports: its PUBLIC dictionary fields that exist as columns of
 * its table (so identifiers come only from the dictionary ∩ the catalog, never from a request).
 *
 * @param names field names in dictionary order
 * @param types their dictionary types
 */
public record ExportColumns(List<String> names, List<FieldType> types) {
    public ExportColumns {
        names = List.copyOf(names);
        types = List.copyOf(types);
        if (names.size() != types.size()) {
            throw new IllegalArgumentException("one type per column");
        }
        for (String n : names) {
            if (!n.matches("[a-z][a-z0-9_]{0,39}")) {
                throw new IllegalArgumentException("not a safe column name: " + n);
            }
        }
    }
}
