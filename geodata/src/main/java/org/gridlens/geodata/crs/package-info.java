/** Coordinate conversions GridLens needs without a projection library: GCJ-02 offsets and Gauss-Krüger (EPSG:4543). */
package org.gridlens.geodata.crs;
