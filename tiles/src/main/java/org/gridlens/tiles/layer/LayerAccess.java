package org.gridlens.tiles.layer;

/**
 * Who may read a layer. The server maps these to its roles; a layer a caller may not read is refused
 * (401 without credentials, 403 with) and left out of every catalog and TileJSON the caller sees.
 */
public enum LayerAccess {
    /** Anyone, signed in or not: base geography published on purpose (regions, buildings, facilities …). */
    PUBLIC,
    /** Signed-in readers (the wall kiosk, planners, managers, …): aggregates and operational layers. */
    READERS,
    /** Only roles with person-level access: layers that show individual households or residents. */
    PERSONAL
}
