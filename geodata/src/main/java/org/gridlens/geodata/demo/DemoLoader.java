package org.gridlens.geodata.demo;

import javax.sql.DataSource;

/** Placeholder with the agreed API until the generator lands (replaced by the real loader on merge). */
public final class DemoLoader {
    public static final long DEFAULT_SEED = 20261126L;

    public DemoLoader(DataSource dataSource) {
    }

    public DemoLoadReport load(DemoProfile profile, long seed) {
        throw new UnsupportedOperationException("demo loader not merged yet");
    }

    public static boolean isLoaded(DataSource ds) {
        return false;
    }
}
