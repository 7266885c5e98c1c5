package org.gridlens.geodata.dictionary;

/** Who may see a field: anyone (and OGC API), staff of the command center, or only named roles (person-level data). */
public enum Sensitivity {
    PUBLIC, INTERNAL, PERSONAL;

    public static Sensitivity of(String s) {
        return valueOf(s.toUpperCase(java.util.Locale.ROOT));
    }
}
