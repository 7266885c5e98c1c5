package org.gridlens.geodata.workflow;

/** No incident has the given id. */
public final class CaseNotFoundException extends RuntimeException {
    public CaseNotFoundException(long id) {
        super("no incident " + id);
    }
}
