package org.gridlens.server.analytics;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.gridlens.geodata.analytics.layer.AnalyticLayerRefresher;
import org.gridlens.geodata.analytics.layer.AnalyticProduct;
import org.gridlens.geodata.events.DataChange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs {@link AnalyticLayerRefresher#refreshStale()} on one background thread: first a few seconds after
 * start-up, then every interval. Committed changes from the change feed ({@link #onChange}) mark the
 * products they feed; without a change feed every product is checked against the data version on each
 * run. A failed or slow refresh never blocks a request: tiles keep serving the previous result.
 */
public final class AnalyticLayerScheduler implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(AnalyticLayerScheduler.class);
    static final Duration FIRST_RUN = Duration.ofSeconds(5);

    private final AnalyticLayerRefresher refresher;
    private final Duration interval;
    private final boolean fedByChanges;
    private ScheduledExecutorService executor;

    /**
     * @param interval     time between runs; zero never runs
     * @param fedByChanges true when {@link #onChange} receives the change feed
     */
    public AnalyticLayerScheduler(AnalyticLayerRefresher refresher, Duration interval, boolean fedByChanges) {
        this.refresher = refresher;
        this.interval = interval;
        this.fedByChanges = fedByChanges;
    }

    /** Parses {@code analytics.layers.refresh-seconds}: whole seconds, 0 to 86,400. */
    public static Duration interval(String value) {
        if (value == null || !value.matches("\\d{1,5}") || Integer.parseInt(value) > 86_400) {
            throw new org.gridlens.server.config.ConfigException(
                    "analytics.layers.refresh-seconds must be a whole number of seconds from 0 to 86400");
        }
        return Duration.ofSeconds(Integer.parseInt(value));
    }

    /** The refresher, for a caller that needs the layers current now (tests, an admin action). */
    public AnalyticLayerRefresher refresher() {
        return refresher;
    }

    public void onChange(DataChange change) {
        refresher.markChanged(change.table());
    }

    public synchronized void start() {
        if (interval.isZero() || executor != null) {
            return;
        }
        executor = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "analytic-layers");
            t.setDaemon(true);
            return t;
        });
        executor.scheduleWithFixedDelay(this::run, FIRST_RUN.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void run() {
        try {
            if (!fedByChanges) {
                refresher.markChanged("*");
            }
            Set<AnalyticProduct> done = refresher.refreshStale();
            if (!done.isEmpty()) {
                log.debug("analytic layers refreshed: {}", done);
            }
        } catch (RuntimeException e) {
            log.warn("analytic layer refresh failed: {}", e.toString());
        }
    }

    @Override
    public synchronized void close() {
        if (executor != null) {
            executor.shutdownNow();
            executor = null;
        }
    }
}
