/** The database's change feed (LISTEN/NOTIFY): which table changed where, after commit. */
package org.gridlens.geodata.events;
