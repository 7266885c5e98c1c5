/** HTTP endpoints for grid analytics: statistics, coverage, hot spots, hot areas, emerging hot spots and the Knox test. */
package org.gridlens.server.analytics;
