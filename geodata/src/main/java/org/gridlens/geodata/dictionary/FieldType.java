package org.gridlens.geodata.dictionary;

/** The value type of a dictionary field, as importers parse it and exports write it. */
public enum FieldType {
    TEXT, INTEGER, NUMBER, TIMESTAMP, BOOLEAN, CODE, GEOMETRY;

    public static FieldType of(String s) {
        return valueOf(s.toUpperCase(java.util.Locale.ROOT));
    }
}
