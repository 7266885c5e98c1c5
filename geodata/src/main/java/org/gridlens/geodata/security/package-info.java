/** Credentials (users, API tokens, sessions) stored as hashes, roles, and the append-only audit log. */
package org.gridlens.geodata.security;
