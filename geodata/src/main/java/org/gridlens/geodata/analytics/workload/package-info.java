/** Grid workers' load: incidents and residents per grid worker, where staffing data exists. */
package org.gridlens.geodata.analytics.workload;
