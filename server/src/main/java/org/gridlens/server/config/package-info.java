/** Configuration: every key documented, layered defaults → file → environment → flags, logged at start-up. */
package org.gridlens.server.config;
