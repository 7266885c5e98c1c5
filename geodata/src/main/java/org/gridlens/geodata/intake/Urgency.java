package org.gridlens.geodata.intake;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** Urgency a resident gives a service order; {@link #rank()} feeds the order's priority. */
public enum Urgency {
    LOW(1), NORMAL(2), URGENT(3);

    private final int rank;

    Urgency(int rank) {
        this.rank = rank;
    }

    public int rank() {
        return rank;
    }

    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<Urgency> parse(String s) {
        return Arrays.stream(values()).filter(v -> v.code().equals(s)).findFirst();
    }
}
