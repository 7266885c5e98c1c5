/** TileJSON 3.0.0 documents for single and composite layers, with the district's real extent. */
package org.gridlens.tiles.tilejson;
