/** The browser views' own data: wall aggregates, the wall's JSON config and the view pages. */
package org.gridlens.server.views;
