package org.gridlens.server.security;

import io.javalin.security.RouteRole;
import java.util.Optional;
import org.gridlens.geodata.security.Role;

/**
 * Access rules attached to routes. A route lists the roles that may call it; {@link #PUBLIC} routes
 * need no credentials. A route with no rule at all is refused (deny by default) and fails the
 * route × role matrix test.
 */
public enum Access implements RouteRole {
    PUBLIC(null),
    WALL(Role.WALL),
    PLANNER(Role.PLANNER),
    MANAGER(Role.MANAGER),
    DATA_STEWARD(Role.DATA_STEWARD),
    INTAKE(Role.INTAKE),
    ADMIN(Role.ADMIN);

    private final Role role;

    Access(Role role) {
        this.role = role;
    }

    /** The role this rule admits; empty for {@link #PUBLIC}. */
    public Optional<Role> role() {
        return Optional.ofNullable(role);
    }

    /** Every signed-in role may read aggregates: the usual rule for read-only display data. */
    public static final Access[] READERS = {WALL, PLANNER, MANAGER, DATA_STEWARD, ADMIN};
}
