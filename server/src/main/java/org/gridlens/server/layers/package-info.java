/** {@code /api/layers} and the vector-tile routes over the tiles module's catalog and renderer. */
package org.gridlens.server.layers;
