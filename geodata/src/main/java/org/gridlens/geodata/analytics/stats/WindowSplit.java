package org.gridlens.geodata.analytics.stats;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.gridlens.geodata.analytics.TimeWindow;

/**
 * A window of local days split for reading month roll-ups: the whole months inside it,
 * {@code [monthsFrom, monthsTo)} (both first days of months; equal when there is none), and the days of
 * the partial months before and after them (at most two ranges, never empty). Together they cover the
 * window exactly once.
 *
 * @param monthsFrom first day of the first whole month
 * @param monthsTo   first day after the last whole month (exclusive)
 * @param days       the remaining day ranges {@code [from, to)}
 */
record WindowSplit(LocalDate monthsFrom, LocalDate monthsTo, List<LocalDate[]> days) {

    WindowSplit {
        Objects.requireNonNull(monthsFrom, "monthsFrom");
        Objects.requireNonNull(monthsTo, "monthsTo");
        if (monthsFrom.getDayOfMonth() != 1 || monthsTo.getDayOfMonth() != 1 || monthsTo.isBefore(monthsFrom)) {
            throw new IllegalArgumentException("months must be [first of a month, first of a later month)");
        }
        days = List.copyOf(days);
        for (LocalDate[] d : days) {
            if (d.length != 2 || !d[0].isBefore(d[1])) {
                throw new IllegalArgumentException("day ranges must be non-empty [from, to)");
            }
        }
    }

    static WindowSplit of(TimeWindow window) {
        LocalDate lo = window.from();
        LocalDate hi = window.to();
        LocalDate mLo = lo.getDayOfMonth() == 1 ? lo : lo.withDayOfMonth(1).plusMonths(1);
        LocalDate mHi = hi.withDayOfMonth(1);
        List<LocalDate[]> days = new ArrayList<>(2);
        if (!mLo.isBefore(mHi)) {
            days.add(new LocalDate[] {lo, hi});
            return new WindowSplit(mLo, mLo, days);
        }
        if (lo.isBefore(mLo)) {
            days.add(new LocalDate[] {lo, mLo});
        }
        if (mHi.isBefore(hi)) {
            days.add(new LocalDate[] {mHi, hi});
        }
        return new WindowSplit(mLo, mHi, days);
    }

    boolean hasMonths() {
        return monthsFrom.isBefore(monthsTo);
    }
}
