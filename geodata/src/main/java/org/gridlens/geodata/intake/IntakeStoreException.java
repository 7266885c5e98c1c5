package org.gridlens.geodata.intake;

import java.sql.SQLException;

/** The database failed while storing or reading intake data; the cause keeps the SQL state. */
public final class IntakeStoreException extends RuntimeException {

    public IntakeStoreException(SQLException cause) {
        super(cause.getMessage(), cause);
    }

    public SQLException sqlCause() {
        return (SQLException) getCause();
    }
}
