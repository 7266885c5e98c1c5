/** OGC API – Features (Part 1: core, GeoJSON, OpenAPI 3.0) over the public layers, so GIS clients can read the shared data. */
package org.gridlens.server.ogc;
