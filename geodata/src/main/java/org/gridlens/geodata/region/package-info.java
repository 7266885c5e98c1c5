/** Administrative regions, district down to management grid: reading them for maps and statistics. */
package org.gridlens.geodata.region;
