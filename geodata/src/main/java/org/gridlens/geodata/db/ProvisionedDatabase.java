package org.gridlens.geodata.db;

import java.util.Optional;

/**
 * A database found or created by {@link DatabaseProvisioner}, with whatever must be shut down with it.
 * Closing it stops a private cluster or a container; a configured URL is left alone.
 */
public final class ProvisionedDatabase implements AutoCloseable {

    private final DatabaseTarget target;
    private final PrivateCluster cluster;
    private final AutoCloseable other;

    ProvisionedDatabase(DatabaseTarget target, PrivateCluster cluster, AutoCloseable other) {
        this.target = target;
        this.cluster = cluster;
        this.other = other;
    }

    public DatabaseTarget target() {
        return target;
    }

    /** The private cluster behind this database, when that is how it was provisioned. */
    public Optional<PrivateCluster> cluster() {
        return Optional.ofNullable(cluster);
    }

    @Override
    public void close() {
        if (cluster != null) {
            cluster.close();
        }
        if (other != null) {
            try {
                other.close();
            } catch (Exception e) {
                throw new IllegalStateException("could not stop " + target.origin(), e);
            }
        }
    }
}
