/** Benchmark programs (main classes, not tests): run as documented in the README. */
package org.gridlens.server.bench;
