/** Statistics per grid, community, subdistrict and district, with small-count suppression that resists differencing. */
package org.gridlens.geodata.analytics.stats;
