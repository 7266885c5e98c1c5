/** HTTP plumbing shared by every route: typed errors mapped once to JSON, request metrics, JSON output. */
package org.gridlens.server.http;
