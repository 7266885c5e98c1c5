/** Small pieces for reading date-time text quickly, shared by the importers and intake. */
package org.gridlens.geodata.time;
