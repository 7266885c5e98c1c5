package org.gridlens.geodata.analytics;

import org.gridlens.geodata.db.Database;
import org.gridlens.geodata.demo.DemoLoader;
import org.gridlens.geodata.demo.DemoProfile;
import org.gridlens.geodata.testing.TestDatabase;

/**
 * The `small` demo district, loaded once per test JVM and shared read-only by the analytics tests
 * (tests that write must use their own database).
 */
public final class SmallDemo {

    private static Database db;

    private SmallDemo() {
    }

    public static synchronized Database database() {
        if (db == null) {
            db = TestDatabase.freshDatabase("analytics_small");
            new DemoLoader(db.dataSource()).load(DemoProfile.SMALL, DemoLoader.DEFAULT_SEED);
            Database d = db;
            Runtime.getRuntime().addShutdownHook(new Thread(d::close, "small-demo-close"));
        }
        return db;
    }
}
