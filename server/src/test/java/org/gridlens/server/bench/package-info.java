/** Benchmark programs (main classes, not tests): tile latency against pgbench, cached throughput against nginx. */
package org.gridlens.server.bench;
