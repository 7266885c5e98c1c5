/** 3D queries over buildings and strata parcels (vertical extents). */
package org.gridlens.geodata.threed;
