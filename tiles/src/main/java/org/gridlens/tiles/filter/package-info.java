/** Request filters of incident-based layers (time window, categories, status, source): parsed, validated, normalised. */
package org.gridlens.tiles.filter;
