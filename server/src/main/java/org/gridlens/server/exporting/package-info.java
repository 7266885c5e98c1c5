/** Streams public layers as GeoJSON, CSV or GeoPackage downloads, filtered by region and time. */
package org.gridlens.server.exporting;
