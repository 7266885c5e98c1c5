package org.gridlens.geodata.demo;

import java.util.List;
import java.util.SplittableRandom;

/**
 * Streams residents household by household. Identities are pseudonymous only: pid = 'R' + 10 hex
 * digits of a keyed 40-bit bijection of the row number (unique by construction, no names or ids).
 *
 * <p>Demography (reference year 2026, shaped on a Chinese provincial-capital age pyramid): about
 * 4 % of residents are elderly living alone (65+, sole occupant, flagged); other single-person
 * households are 18–64; ~25 % of households are floating (流动) population; ~2 % disabled (more
 * among the old); ~3 % low income by household. Vulnerable residents get a needs list
 * (elderly_care, meal_delivery, medical, rehabilitation, employment).
 */
final class ResidentSynthesizer {

    static final int REFERENCE_YEAR = 2026;
    private static final long SALT = 0x7E51_DE47L;
    private static final long MASK = (1L << 40) - 1;
    /** Weights of 5-year age groups 0–4 … 95–99. */
    private static final double[] AGE_GROUPS = {3.6, 5.2, 5.6, 5.3, 5.4, 6.6, 8.2, 8.4, 7.6, 7.3, 7.9, 7.6, 6.5, 5.6,
        4.0, 2.6, 1.6, 0.8, 0.3, 0.1};

    private ResidentSynthesizer() {
    }

    /** Writes residents for all residential units; returns the number written. */
    static long write(CopyWriter w, List<DemoHousingUnit> units, DemoProfile profile, long seed) {
        SplittableRandom r = new SplittableRandom(seed ^ SALT);
        long key = (seed * 0x9E3779B97F4A7C15L) & MASK;
        long residential = units.stream().filter(u -> "residential".equals(u.use())).count();
        double target = profile.residents();
        double aloneShare = 0.04 * target / residential;
        double meanOthers = (target * 0.96) / (residential * (1 - aloneShare));
        double p = Math.max(0, Math.min(1, (meanOthers - 1) / 5));
        double[] cumulative = cumulative(AGE_GROUPS);
        long id = 0;
        for (DemoHousingUnit u : units) {
            if (!"residential".equals(u.use())) {
                continue;
            }
            if (r.nextDouble() < aloneShare) {
                int age = 65 + (int) Math.min(34, Math.abs(r.nextGaussian()) * 10);
                boolean disabled = r.nextDouble() < 0.08;
                boolean low = r.nextDouble() < 0.08;
                String[] needs = r.nextDouble() < 0.5 ? new String[] {"elderly_care", "meal_delivery", "medical"}
                        : disabled ? new String[] {"elderly_care", "medical", "rehabilitation"} : new String[] {"elderly_care"};
                row(w, ++id, key, u, REFERENCE_YEAR - age, r.nextDouble() < 0.6 ? 'F' : 'M', false, true, disabled, low, needs);
                continue;
            }
            int size = 1;
            for (int k = 0; k < 5; k++) {
                if (r.nextDouble() < p) {
                    size++;
                }
            }
            boolean floating = r.nextDouble() < 0.25;
            boolean low = r.nextDouble() < 0.03;
            for (int m = 0; m < size; m++) {
                int age;
                if (size == 1) {
                    age = 18 + r.nextInt(47);
                } else if (m == 0) {
                    age = 22 + r.nextInt(50);
                } else {
                    age = sampleAge(cumulative, r);
                }
                boolean disabled = r.nextDouble() < (age >= 65 ? 0.05 : 0.015);
                String[] needs = disabled ? new String[] {"medical", "rehabilitation"}
                        : low && age >= 18 && age < 60 ? new String[] {"employment"} : new String[0];
                row(w, ++id, key, u, REFERENCE_YEAR - age, r.nextBoolean() ? 'F' : 'M', floating, false, disabled, low, needs);
            }
        }
        return id;
    }

    private static void row(CopyWriter w, long id, long key, DemoHousingUnit u, int birthYear, char sex, boolean floating,
                            boolean alone, boolean disabled, boolean low, String[] needs) {
        w.num(id).text(pid(id, key)).text(RegionPlanner.DISTRICT_CODE).num(u.id()).num(birthYear).text(String.valueOf(sex))
                .text(floating ? "floating" : "registered").bool(alone).bool(disabled).bool(low).textArray(needs);
        w.endRow();
    }

    /** 'R' + 10 hex digits of a keyed bijection on 40 bits: distinct rows always get distinct pids. */
    static String pid(long row, long key) {
        long x = row & MASK;
        x = (x * 0x9E3779B1L + key) & MASK;
        x ^= x >>> 19;
        x = (x * 0xC2B2AE3DL) & MASK;
        x ^= x >>> 21;
        x = (x * 0x27D4EB2FL + (key >>> 7)) & MASK;
        x ^= x >>> 17;
        String hex = Long.toHexString(x);
        return "R" + "0".repeat(10 - hex.length()) + hex;
    }

    private static double[] cumulative(double[] w) {
        double[] c = new double[w.length];
        double s = 0;
        for (int i = 0; i < w.length; i++) {
            s += w[i];
            c[i] = s;
        }
        for (int i = 0; i < c.length; i++) {
            c[i] /= s;
        }
        return c;
    }

    private static int sampleAge(double[] cumulative, SplittableRandom r) {
        double u = r.nextDouble();
        int g = 0;
        while (g < cumulative.length - 1 && u > cumulative[g]) {
            g++;
        }
        return g * 5 + r.nextInt(5);
    }
}
