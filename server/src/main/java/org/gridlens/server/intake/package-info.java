/** HTTP intake of incidents and service orders: single, batch, with bounded bodies and per-record reasons. */
package org.gridlens.server.intake;
