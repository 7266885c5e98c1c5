package org.gridlens.tiles.cache;

/** Thrown instead of rendering when the bound on concurrent uncached renders is reached; retry shortly. */
public final class TileBusyException extends RuntimeException {
    public TileBusyException(String message) {
        super(message);
    }
}
