/** The tile cache: byte-bounded, per-layer TTL, ETags, gzip, change-driven invalidation, last-known-good serving, render admission. */
package org.gridlens.tiles.cache;
