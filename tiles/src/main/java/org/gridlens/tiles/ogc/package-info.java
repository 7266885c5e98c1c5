/**
 * OGC API – Tiles documents (core, tileset, tilesets-list, mvt) for the layer catalog: the
 * WebMercatorQuad tile matrix set and each layer's tileset metadata, as maps ready for a JSON writer.
 * No HTTP types: the server's OGC controller serves them and the tiles themselves.
 */
package org.gridlens.tiles.ogc;
