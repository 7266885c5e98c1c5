package org.gridlens.server.events;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.gridlens.geodata.db.Database;
import org.gridlens.geodata.events.ChangeFeed;
import org.gridlens.geodata.events.IncidentFeed;
import org.gridlens.geodata.workflow.OverdueScanner;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The background half of live events, started and stopped with the HTTP server: the two database
 * listeners feeding the hub, and the periodic overdue scan (whose marks come back through the
 * incident feed as case.overdue / case.escalated).
 */
public final class EventPipeline implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EventPipeline.class);

    private final Database database;
    private final EventHub hub;
    private final Duration overdueScan;
    private IncidentFeed incidents;
    private ChangeFeed changes;
    private LayerChangeRelay layers;
    private ScheduledExecutorService scanner;

    private final boolean relayLayerChanges;

    /**
     * @param relayLayerChanges whether this pipeline turns the change feed into layer.changed events itself
     *                          (false when the tile service publishes them after invalidating its cache)
     */
    public EventPipeline(Database database, EventHub hub, Duration overdueScan, boolean relayLayerChanges) {
        this.relayLayerChanges = relayLayerChanges;
        this.database = database;
        this.hub = hub;
        this.overdueScan = overdueScan;
    }

    public synchronized void start() {
        IncidentEventRelay relay = new IncidentEventRelay(hub);
        incidents = new IncidentFeed(database.target());
        incidents.subscribe(relay::accept);
        incidents.start();
        if (relayLayerChanges) {
            layers = new LayerChangeRelay(hub, 250);
            changes = new ChangeFeed(database.target());
            changes.subscribe(layers::accept);
            changes.start();
        }
        OverdueScanner overdue = new OverdueScanner(database.dataSource());
        scanner = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "gridlens-overdue-scan");
            t.setDaemon(true);
            return t;
        });
        scanner.scheduleWithFixedDelay(() -> {
            try {
                OverdueScanner.ScanResult r = overdue.scan();
                if (r.overdue() + r.escalated() > 0) {
                    log.info("overdue scan: {} newly overdue, {} escalated", r.overdue(), r.escalated());
                }
            } catch (RuntimeException e) {
                log.warn("overdue scan failed (retried next interval): {}", e.getMessage());
            }
        }, overdueScan.toMillis(), overdueScan.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Whether the incident listener holds a live connection (events are flowing). */
    public boolean connected() {
        return incidents != null && incidents.connected();
    }

    @Override
    public synchronized void close() {
        if (scanner != null) {
            scanner.shutdownNow();
        }
        if (incidents != null) {
            incidents.close();
        }
        if (changes != null) {
            changes.close();
        }
        if (layers != null) {
            layers.close();
        }
        hub.close();
    }
}
