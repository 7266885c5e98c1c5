/**
 * Analytics at their default parameters materialised into tables ({@code analytic_*}, migration V35) for
 * the analytic tile layers, refreshed when their inputs change.
 */
package org.gridlens.geodata.analytics.layer;
