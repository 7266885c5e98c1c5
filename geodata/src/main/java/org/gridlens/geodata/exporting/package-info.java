/** Streams public layers out as GeoJSON, CSV and GeoPackage with dictionary field names, in constant memory. */
package org.gridlens.geodata.exporting;
