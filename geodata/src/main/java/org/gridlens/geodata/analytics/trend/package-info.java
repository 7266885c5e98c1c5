/** Trends over time series: the Mann-Kendall test and Esri's Emerging Hot Spot classes. */
package org.gridlens.geodata.analytics.trend;
