package org.gridlens.geodata.sql;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** Reads a {@code .sql} resource that lives beside a class. Missing resources fail at start-up, not per request. */
public final class SqlResource {

    private SqlResource() {
    }

    /** The text of {@code name} in {@code owner}'s package. */
    public static String load(Class<?> owner, String name) {
        try (InputStream in = owner.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing SQL resource " + owner.getPackageName() + "/" + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
