package org.gridlens.tiles.cache;

import java.util.ArrayList;
import java.util.List;

/**
 * A fixed view a wall display shows: a layer or composite over a zoom range, over the whole district.
 * Written {@code layers:minZoom-maxZoom}, e.g. {@code incident,heat:8-12}; several views are separated
 * by {@code ;}.
 *
 * @param layers  layer ids of the (composite) tile, in order
 * @param minZoom shallowest zoom
 * @param maxZoom deepest zoom (at most {@value #MAX_SPAN} deeper than {@code minZoom})
 */
public record PrewarmView(List<String> layers, int minZoom, int maxZoom) {

    /** Zoom levels one view may span: the tile count grows fourfold per level. */
    public static final int MAX_SPAN = 6;

    public PrewarmView {
        layers = List.copyOf(layers);
        if (layers.isEmpty() || layers.stream().anyMatch(l -> !l.matches("[a-z][a-z0-9_]{0,30}"))) {
            throw new IllegalArgumentException("a view names one or more layer ids, not " + layers);
        }
        if (minZoom < 0 || maxZoom > 22 || minZoom > maxZoom || maxZoom - minZoom > MAX_SPAN) {
            throw new IllegalArgumentException("zoom range " + minZoom + "-" + maxZoom + " must lie in 0-22 and span at most "
                    + MAX_SPAN + " levels");
        }
    }

    /** Parses {@code a,b:8-12;c:10-14}; blank text gives no views. */
    public static List<PrewarmView> parseAll(String text) {
        List<PrewarmView> out = new ArrayList<>();
        for (String part : text.split(";")) {
            String v = part.trim();
            if (v.isEmpty()) {
                continue;
            }
            String[] lz = v.split(":", -1);
            String[] zz = lz.length == 2 ? lz[1].split("-", -1) : new String[0];
            if (zz.length != 2 || !zz[0].matches("\\d{1,2}") || !zz[1].matches("\\d{1,2}")) {
                throw new IllegalArgumentException("'" + v + "' is not layers:minZoom-maxZoom (e.g. incident,heat:8-12)");
            }
            out.add(new PrewarmView(List.of(lz[0].split(",", -1)), Integer.parseInt(zz[0]), Integer.parseInt(zz[1])));
        }
        return List.copyOf(out);
    }
}
