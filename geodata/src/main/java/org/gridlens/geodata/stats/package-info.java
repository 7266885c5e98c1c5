/** District-wide statistics for displays: headline figures and per-grid counts. */
package org.gridlens.geodata.stats;
