package org.gridlens.geodata.demo;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** Reads a .sql file that sits next to this package's classes. */
final class SqlResource {

    private SqlResource() {
    }

    static String read(String name) {
        try (InputStream in = SqlResource.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing SQL resource " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
