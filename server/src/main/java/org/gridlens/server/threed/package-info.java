/** HTTP access to 3D queries: buildings and strata parcels intersecting a 3D box. */
package org.gridlens.server.threed;
