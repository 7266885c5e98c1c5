/** JSON the wall display reads: region outlines and headline figures. */
package org.gridlens.server.wall;
