package org.gridlens.geodata.security;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/**
 * What a caller may do. Roles are additive; {@link #ADMIN} may do everything.
 *
 * <p>Person-level data (residents, their flags and needs) is visible only to roles with
 * {@link #personLevel()}; every other role sees aggregates with small counts suppressed.
 */
public enum Role {
    /** The kiosk: aggregates and public layers, read only. */
    WALL,
    /** Coverage analysis and planning layers. */
    PLANNER,
    /** Hot areas, cases and their incidents. */
    MANAGER,
    /** Imports and exports, including person-level data (logged). */
    DATA_STEWARD,
    /** Machine clients posting incidents and service orders. */
    INTAKE,
    /** Users, tokens, configuration, the audit log; everything else too. */
    ADMIN;

    /** The lower-case name used in the database, the CLI and JSON. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public boolean personLevel() {
        return this == DATA_STEWARD || this == ADMIN;
    }

    public static Role parse(String s) {
        for (Role r : values()) {
            if (r.id().equals(s)) {
                return r;
            }
        }
        throw new IllegalArgumentException("unknown role; roles are wall, planner, manager, data_steward, intake, admin");
    }

    /** Parses a comma-separated list such as {@code planner,manager}. */
    public static Set<Role> parseList(String s) {
        Set<Role> out = EnumSet.noneOf(Role.class);
        for (String part : s.split(",")) {
            if (!part.isBlank()) {
                out.add(parse(part.trim()));
            }
        }
        if (out.isEmpty()) {
            throw new IllegalArgumentException("at least one role is needed");
        }
        return out;
    }
}
