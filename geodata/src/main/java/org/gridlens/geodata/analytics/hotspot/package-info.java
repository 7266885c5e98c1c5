/** Getis-Ord Gi* hot spots: spatial weights, z-scores, p-values, FDR bins and incident aggregation to features. */
package org.gridlens.geodata.analytics.hotspot;
