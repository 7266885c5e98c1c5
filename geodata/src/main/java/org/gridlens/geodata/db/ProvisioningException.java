package org.gridlens.geodata.db;

/** No database could be found or created; the message says what to install or set, in one sentence. */
public class ProvisioningException extends RuntimeException {
    public ProvisioningException(String message) {
        super(message);
    }

    public ProvisioningException(String message, Throwable cause) {
        super(message, cause);
    }
}
