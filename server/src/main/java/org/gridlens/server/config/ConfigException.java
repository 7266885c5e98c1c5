package org.gridlens.server.config;

/** A configuration value is missing, unknown or malformed; the message names the key and what is expected. */
public class ConfigException extends RuntimeException {
    public ConfigException(String message) {
        super(message);
    }
}
