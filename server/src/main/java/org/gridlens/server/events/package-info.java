/** Server-Sent Events to the displays: the event hub with its replay window, the stream, and the relays that feed it from the database. */
package org.gridlens.server.events;
