/** Benchmark programs (main classes, not unit tests) for import and export throughput. */
package org.gridlens.geodata.bench;
