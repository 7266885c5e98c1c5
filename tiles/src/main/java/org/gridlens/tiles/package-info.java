/** Vector tiles built in PostGIS: tile coordinates, the layer catalog, tile SQL and rendering. No HTTP. */
package org.gridlens.tiles;
