package org.gridlens.geodata.security;

import java.util.Objects;
import java.util.Set;

/**
 * An authenticated caller.
 *
 * @param name  user name, or {@code token:<name>} for an API token (for the audit log)
 * @param roles what it may do
 * @param csrf  the session's CSRF token for browser sessions; null for API tokens
 */
public record Principal(String name, Set<Role> roles, String csrf) {

    public Principal {
        Objects.requireNonNull(name, "name");
        roles = Set.copyOf(roles);
    }

    public boolean has(Role r) {
        return roles.contains(Role.ADMIN) || roles.contains(r);
    }

    public boolean personLevel() {
        return roles.stream().anyMatch(Role::personLevel);
    }
}
