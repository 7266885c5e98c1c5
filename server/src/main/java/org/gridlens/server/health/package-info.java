/** {@code /health}: is the database reachable, the schema at head and the data loaded. */
package org.gridlens.server.health;
