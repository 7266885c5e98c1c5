/** Grid analytics: hot spots, hot areas, trends, facility coverage and grid statistics over PostGIS. */
package org.gridlens.geodata.analytics;
