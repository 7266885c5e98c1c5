/** Turning layer definitions into tile SQL (once, at start-up) and running it against PostGIS. */
package org.gridlens.tiles.render;
