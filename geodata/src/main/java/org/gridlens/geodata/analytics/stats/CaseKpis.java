package org.gridlens.geodata.analytics.stats;

/**
 * Case workflow KPIs of a region for a window [from, to) (domain anchors §1.5). Rates are null when
 * their denominator is 0 (never NaN).
 *
 * <ul>
 *   <li>{@code registered}: cases registered (立案) in the window; {@code closedOfRegistered}: of those,
 *       closed before the window end. <b>结案率 closureRate</b> = closedOfRegistered / registered.</li>
 *   <li>{@code due} (应处置数): cases whose handling deadline falls in the window; {@code dueOnTime}: of
 *       those, handled at or before the deadline. <b>按期处置率 onTimeRate</b> = dueOnTime / due.</li>
 *   <li>{@code closed} (应结案数 here: cases closed in the window); {@code reworked}: of those, with a
 *       返工 (rework) stage in the stage log. <b>返工率 reworkRate</b> = reworked / closed. Only cases that
 *       have a stage log count as reworked.</li>
 *   <li><b>overdueOpen</b> (超期待处置): at the earlier of the window end and now, cases registered, past
 *       their deadline and not yet handled (rejected reports excluded).</li>
 *   <li><b>平均处置时长 avgHandlingHours</b>: mean hours from 立案 to (final) 处置 over cases handled in
 *       the window ({@code handled} of them).</li>
 * </ul>
 */
public record CaseKpis(long registered, long closedOfRegistered, Double closureRate, long due, long dueOnTime,
                       Double onTimeRate, long closed, long reworked, Double reworkRate, long overdueOpen, long handled,
                       Double avgHandlingHours) {

    static CaseKpis of(long[] a, double handledHours) {
        return new CaseKpis(a[0], a[1], ratio(a[1], a[0]), a[2], a[3], ratio(a[3], a[2]), a[4], a[5], ratio(a[5], a[4]),
                a[6], a[7], a[7] == 0 ? null : handledHours / a[7]);
    }

    private static Double ratio(long num, long den) {
        return den == 0 ? null : (double) num / den;
    }
}
