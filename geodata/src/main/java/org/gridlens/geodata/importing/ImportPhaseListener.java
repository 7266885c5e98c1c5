package org.gridlens.geodata.importing;

/**
 * Told how long each phase of an import took, in the order they ran ({@code read+stage}, {@code checks},
 * {@code upsert}, {@code rebuild}, {@code counts}, {@code commit}, …). Benchmarks print it; the default
 * listener ignores it. Called on the importing thread; a listener must not throw.
 */
@FunctionalInterface
public interface ImportPhaseListener {

    /** Ignores every phase. */
    ImportPhaseListener NONE = (phase, nanos) -> { };

    /**
     * @param phase short name of the phase
     * @param nanos its wall-clock duration
     */
    void phase(String phase, long nanos);
}
