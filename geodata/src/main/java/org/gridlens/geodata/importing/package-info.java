/** Imports department files (GeoJSON, CSV, GeoPackage, zipped Shapefile) into the shared schema with a row-level report. */
package org.gridlens.geodata.importing;
