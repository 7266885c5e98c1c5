/** The catalog of published layers: an allow-list of fixed definitions; nothing here comes from a request. */
package org.gridlens.tiles.layer;
