/** Benchmark programs for the analytics (run with main(), not by the test suite). */
package org.gridlens.geodata.analytics.bench;
