package org.gridlens.geodata.analytics.stats;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;

/**
 * Differencing attacks on random district hierarchies (district → subdistricts → communities → grids),
 * each node publishing residents, registered, floating (registered + floating = residents) and a
 * vulnerable count (k = 10) with its own hierarchy. The attacker here is written independently of the
 * suppressor: it solves single-unknown relations repeatedly, chaining what it learns.
 */
class SmallCountSuppressorPropertyTest {

    @Property(tries = 1000)
    void noWithheldCountCanBeRecoveredAndNoSmallCountIsPublished(@ForAll @LongRange(min = 0, max = Long.MAX_VALUE) long seed,
                                                                 @ForAll @IntRange(min = 1, max = 4) int subdistricts,
                                                                 @ForAll @IntRange(min = 1, max = 30) int smallness) {
        Random r = new Random(seed);
        List<long[]> leaves = new ArrayList<>(); // per grid: registered, floating, vulnerable
        List<int[]> tree = new ArrayList<>();     // node -> children (node 0 = district)
        List<Integer> nodes = new ArrayList<>();
        int[] counter = {0};
        int district = counter[0]++;
        List<List<Integer>> children = new ArrayList<>();
        children.add(new ArrayList<>());
        List<Integer> gridNodes = new ArrayList<>();
        for (int s = 0; s < subdistricts; s++) {
            int sn = add(children, counter);
            children.get(district).add(sn);
            int communities = 1 + r.nextInt(4);
            for (int c = 0; c < communities; c++) {
                int cn = add(children, counter);
                children.get(sn).add(cn);
                int grids = 1 + r.nextInt(6);
                for (int g = 0; g < grids; g++) {
                    int gn = add(children, counter);
                    children.get(cn).add(gn);
                    gridNodes.add(gn);
                }
            }
        }
        int n = counter[0];
        int measures = 4; // residents, registered, floating, vulnerable
        long[][] v = new long[n][measures];
        for (int gn : gridNodes) {
            long reg = small(r, smallness);
            long flo = small(r, smallness);
            v[gn][1] = reg;
            v[gn][2] = flo;
            v[gn][0] = reg + flo;
            v[gn][3] = Math.min(v[gn][0], small(r, smallness));
        }
        fill(district, children, v);
        long[] values = new long[n * measures];
        int[] k = new int[n * measures];
        for (int i = 0; i < n; i++) {
            for (int m = 0; m < measures; m++) {
                values[i * measures + m] = v[i][m];
                k[i * measures + m] = m == 3 ? 10 : 5;
            }
        }
        List<int[]> relations = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            relations.add(new int[] {i * measures, i * measures + 1, i * measures + 2});
            if (!children.get(i).isEmpty()) {
                for (int m = 0; m < measures; m++) {
                    int[] rel = new int[children.get(i).size() + 1];
                    rel[0] = i * measures + m;
                    for (int c = 0; c < children.get(i).size(); c++) {
                        rel[c + 1] = children.get(i).get(c) * measures + m;
                    }
                    relations.add(rel);
                }
            }
        }
        AdditiveTable table = new AdditiveTable(values, k, relations);
        BitSet hidden = SmallCountSuppressor.suppress(table);

        for (int i = 0; i < values.length; i++) {
            if (!hidden.get(i)) {
                assertThat(values[i] == 0 || values[i] >= k[i]).as("published cell %d = %d", i, values[i]).isTrue();
            }
        }
        BitSet known = (BitSet) hidden.clone();
        known.flip(0, values.length);
        boolean learned = true;
        while (learned) {
            learned = false;
            for (int[] rel : relations) {
                int unknown = -1;
                int count = 0;
                for (int c : rel) {
                    if (!known.get(c)) {
                        count++;
                        unknown = c;
                    }
                }
                if (count == 1) {
                    assertThat(hidden.get(unknown)).isTrue();
                    throw new AssertionError("differencing recovers withheld cell " + unknown + " = " + values[unknown]);
                }
                if (count > 1 && known.get(rel[0])) {
                    long residual = values[rel[0]];
                    int minK = Integer.MAX_VALUE;
                    for (int p = 1; p < rel.length; p++) {
                        if (known.get(rel[p])) {
                            residual -= values[rel[p]];
                        } else {
                            minK = Math.min(minK, k[rel[p]]);
                        }
                    }
                    assertThat(residual == 0 || residual >= minK)
                            .as("withheld parts of a published total add up to a small count %d", residual).isTrue();
                }
            }
        }
    }

    private static int add(List<List<Integer>> children, int[] counter) {
        children.add(new ArrayList<>());
        return counter[0]++;
    }

    private static long small(Random r, int smallness) {
        return r.nextInt(4) == 0 ? 0 : r.nextInt(smallness);
    }

    private static long[] fill(int node, List<List<Integer>> children, long[][] v) {
        if (children.get(node).isEmpty()) {
            return v[node];
        }
        for (int c : children.get(node)) {
            long[] cv = fill(c, children, v);
            for (int m = 0; m < cv.length; m++) {
                v[node][m] += cv[m];
            }
        }
        return v[node];
    }
}
