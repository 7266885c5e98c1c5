/** Hot areas of repeated incidents for managers: space-time DBSCAN clusters per category, ranked, with trends and drill-down. */
package org.gridlens.geodata.analytics.hotarea;
