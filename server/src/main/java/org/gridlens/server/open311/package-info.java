/** Open311 GeoReport v2 facade (JSON) over intake and cases, so existing 311 clients can post and read. */
package org.gridlens.server.open311;
