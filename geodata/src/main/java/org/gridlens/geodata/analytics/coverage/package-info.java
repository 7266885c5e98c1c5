/** Facility coverage by grid for planners: who lives within reach of a facility type, and what a proposed facility would change. */
package org.gridlens.geodata.analytics.coverage;
