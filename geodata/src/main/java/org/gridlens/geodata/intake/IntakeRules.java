package org.gridlens.geodata.intake;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * The limits a report is checked against besides the code list and the district.
 *
 * @param clock     the server's clock
 * @param clockSkew how far in the future a reported time may lie (reporters' clocks drift)
 * @param earliest  reports before this instant are refused (2000-01-01 local time by default)
 * @param maxBatch  most reports in one batch
 */
public record IntakeRules(Clock clock, Duration clockSkew, Instant earliest, int maxBatch) {

    public static final Instant YEAR_2000 = Instant.parse("1999-12-31T16:00:00Z");
    public static final int MAX_BATCH = 10_000;

    public IntakeRules {
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(earliest, "earliest");
        if (clockSkew == null || clockSkew.isNegative() || clockSkew.compareTo(Duration.ofDays(1)) > 0) {
            throw new IllegalArgumentException("clock skew must lie between 0 and 1 day");
        }
        if (maxBatch < 1 || maxBatch > 100_000) {
            throw new IllegalArgumentException("maxBatch must lie between 1 and 100000");
        }
    }

    public static IntakeRules standard(Duration clockSkew) {
        return new IntakeRules(Clock.systemUTC(), clockSkew, YEAR_2000, MAX_BATCH);
    }
}
