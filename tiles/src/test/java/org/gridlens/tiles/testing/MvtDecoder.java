package org.gridlens.tiles.testing;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A strict, small Mapbox Vector Tile 2.1 decoder for tests, written from the spec: protobuf wire format
 * by hand, geometry commands, zig-zag parameters. It refuses what the spec forbids (unknown geometry
 * commands, a polygon whose first ring is not exterior, rings with fewer than 4 points, tags that point
 * past the key/value tables) instead of guessing, so a malformed tile fails the test that decodes it.
 */
public final class MvtDecoder {

    /** A decoded layer. */
    public record Layer(String name, int version, int extent, List<Feature> features) {
    }

    /**
     * A decoded feature. Geometry is a list of parts: points (one point per part), lines (one part each)
     * or polygon rings (each ring closed: first point repeated at the end); {@code rings} says which
     * rings are exterior (+1) or interior (-1).
     */
    public record Feature(Long id, String type, Map<String, Object> properties, List<List<int[]>> parts, List<Integer> ringSigns) {
    }

    private final byte[] b;
    private int pos;
    private final int end;

    private MvtDecoder(byte[] b, int pos, int end) {
        this.b = b;
        this.pos = pos;
        this.end = end;
    }

    public static List<Layer> decode(byte[] tile) {
        List<Layer> out = new ArrayList<>();
        MvtDecoder d = new MvtDecoder(tile, 0, tile.length);
        while (d.pos < d.end) {
            long key = d.varint();
            int field = (int) (key >>> 3);
            int wire = (int) (key & 7);
            if (field == 3 && wire == 2) {
                out.add(d.sub().layer());
            } else {
                d.skip(wire);
            }
        }
        return out;
    }

    private Layer layer() {
        String name = null;
        int version = 1;
        int extent = 4096;
        List<String> keys = new ArrayList<>();
        List<Object> values = new ArrayList<>();
        List<MvtDecoder> rawFeatures = new ArrayList<>();
        while (pos < end) {
            long key = varint();
            int field = (int) (key >>> 3);
            int wire = (int) (key & 7);
            switch (field) {
                case 1 -> name = sub().string();
                case 2 -> rawFeatures.add(sub());
                case 3 -> keys.add(sub().string());
                case 4 -> values.add(sub().value());
                case 5 -> extent = (int) varint();
                case 15 -> version = (int) varint();
                default -> skip(wire);
            }
        }
        if (name == null) {
            throw new IllegalStateException("layer without a name");
        }
        List<Feature> features = new ArrayList<>();
        for (MvtDecoder f : rawFeatures) {
            features.add(f.feature(keys, values, name));
        }
        return new Layer(name, version, extent, features);
    }

    private Feature feature(List<String> keys, List<Object> values, String layer) {
        Long id = null;
        List<Integer> tags = new ArrayList<>();
        int type = 0;
        List<Integer> geometry = new ArrayList<>();
        while (pos < end) {
            long key = varint();
            int field = (int) (key >>> 3);
            int wire = (int) (key & 7);
            switch (field) {
                case 1 -> id = varint();
                case 2 -> {
                    MvtDecoder p = sub();
                    while (p.pos < p.end) {
                        tags.add((int) p.varint());
                    }
                }
                case 3 -> type = (int) varint();
                case 4 -> {
                    MvtDecoder p = sub();
                    while (p.pos < p.end) {
                        geometry.add((int) p.varint());
                    }
                }
                default -> skip(wire);
            }
        }
        if (tags.size() % 2 != 0) {
            throw new IllegalStateException(layer + ": odd number of tags");
        }
        Map<String, Object> props = new TreeMap<>();
        for (int i = 0; i < tags.size(); i += 2) {
            if (tags.get(i) >= keys.size() || tags.get(i + 1) >= values.size()) {
                throw new IllegalStateException(layer + ": tag points past the key/value tables");
            }
            props.put(keys.get(tags.get(i)), values.get(tags.get(i + 1)));
        }
        String typeName = switch (type) {
            case 1 -> "POINT";
            case 2 -> "LINESTRING";
            case 3 -> "POLYGON";
            default -> throw new IllegalStateException(layer + ": unknown geometry type " + type);
        };
        List<List<int[]>> parts = geometry(geometry, type, layer);
        List<Integer> signs = new ArrayList<>();
        if (type == 3) {
            for (int i = 0; i < parts.size(); i++) {
                long a = area2(parts.get(i));
                if (a == 0) {
                    throw new IllegalStateException(layer + ": polygon ring with zero area");
                }
                signs.add(a > 0 ? 1 : -1);
            }
            if (!parts.isEmpty() && signs.get(0) < 0) {
                throw new IllegalStateException(layer + ": first polygon ring is not exterior (wrong winding)");
            }
        }
        return new Feature(id, typeName, props, parts, signs);
    }

    /** Twice the surveyor's-formula area in tile coordinates (y down): positive for exterior rings. */
    public static long area2(List<int[]> ring) {
        long s = 0;
        for (int i = 0; i + 1 < ring.size(); i++) {
            s += (long) ring.get(i)[0] * ring.get(i + 1)[1] - (long) ring.get(i + 1)[0] * ring.get(i)[1];
        }
        return s;
    }

    private static List<List<int[]>> geometry(List<Integer> g, int type, String layer) {
        List<List<int[]>> parts = new ArrayList<>();
        List<int[]> current = null;
        int x = 0;
        int y = 0;
        int i = 0;
        while (i < g.size()) {
            int cmd = g.get(i) & 7;
            int count = g.get(i) >>> 3;
            i++;
            switch (cmd) {
                case 1, 2 -> {
                    for (int k = 0; k < count; k++) {
                        if (i + 1 >= g.size()) {
                            throw new IllegalStateException(layer + ": geometry ends inside a command");
                        }
                        x += zigzag(g.get(i++));
                        y += zigzag(g.get(i++));
                        if (cmd == 1 && (type == 1 || k == 0)) {
                            current = new ArrayList<>();
                            parts.add(current);
                        }
                        if (current == null) {
                            throw new IllegalStateException(layer + ": LineTo before MoveTo");
                        }
                        current.add(new int[] {x, y});
                    }
                }
                case 7 -> {
                    if (type != 3 || current == null || current.size() < 3) {
                        throw new IllegalStateException(layer + ": ClosePath outside a polygon ring of 3+ points");
                    }
                    current.add(current.get(0).clone());
                }
                default -> throw new IllegalStateException(layer + ": unknown geometry command " + cmd);
            }
        }
        return parts;
    }

    private static int zigzag(int n) {
        return (n >>> 1) ^ -(n & 1);
    }

    private Object value() {
        Object v = null;
        while (pos < end) {
            long key = varint();
            int field = (int) (key >>> 3);
            int wire = (int) (key & 7);
            switch (field) {
                case 1 -> v = sub().string();
                case 2 -> v = Float.intBitsToFloat((int) fixed(4));
                case 3 -> v = Double.longBitsToDouble(fixed(8));
                case 4 -> v = varint();
                case 5 -> v = varint();
                case 6 -> {
                    long n = varint();
                    v = (n >>> 1) ^ -(n & 1);
                }
                case 7 -> v = varint() != 0;
                default -> skip(wire);
            }
        }
        return v;
    }

    private long fixed(int n) {
        long v = 0;
        for (int k = 0; k < n; k++) {
            v |= (long) (b[pos++] & 0xff) << (8 * k);
        }
        return v;
    }

    private String string() {
        String s = new String(b, pos, end - pos, StandardCharsets.UTF_8);
        pos = end;
        return s;
    }

    private MvtDecoder sub() {
        int len = (int) varint();
        if (len < 0 || pos + len > end) {
            throw new IllegalStateException("length-delimited field runs past its parent");
        }
        MvtDecoder d = new MvtDecoder(b, pos, pos + len);
        pos += len;
        return d;
    }

    private long varint() {
        long v = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            if (pos >= end) {
                throw new IllegalStateException("varint runs past the end");
            }
            int c = b[pos++] & 0xff;
            v |= (long) (c & 0x7f) << shift;
            if ((c & 0x80) == 0) {
                return v;
            }
        }
        throw new IllegalStateException("varint longer than 10 bytes");
    }

    private void skip(int wire) {
        switch (wire) {
            case 0 -> varint();
            case 1 -> pos += 8;
            case 2 -> sub();
            case 5 -> pos += 4;
            default -> throw new IllegalStateException("unsupported wire type " + wire);
        }
    }

    /** A stable, readable dump: layer, extent, then per feature id, type, geometry in tile coordinates, typed properties. */
    public static String dump(List<Layer> layers) {
        StringBuilder sb = new StringBuilder();
        for (Layer l : layers) {
            sb.append("layer ").append(l.name()).append(" version=").append(l.version()).append(" extent=").append(l.extent())
                    .append(" features=").append(l.features().size()).append('\n');
            List<Feature> fs = new ArrayList<>(l.features());
            fs.sort((a, c) -> Long.compare(a.id() == null ? -1 : a.id(), c.id() == null ? -1 : c.id()));
            for (Feature f : fs) {
                sb.append("  feature id=").append(f.id()).append(' ').append(f.type()).append(' ');
                sb.append(geometryText(f)).append('\n');
                Map<String, Object> typed = new LinkedHashMap<>(f.properties());
                for (Map.Entry<String, Object> e : typed.entrySet()) {
                    Object v = e.getValue();
                    String t = v instanceof String ? "string" : v instanceof Boolean ? "bool" : v instanceof Double ? "double"
                            : v instanceof Float ? "float" : "int";
                    sb.append("    ").append(e.getKey()).append(" (").append(t).append(") = ")
                            .append(v instanceof String s ? '"' + s.replace("\\", "\\\\").replace("\"", "\\\"") + '"' : v).append('\n');
                }
            }
        }
        return sb.toString();
    }

    private static String geometryText(Feature f) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < f.parts().size(); i++) {
            if (i > 0) {
                sb.append(' ');
            }
            if (f.type().equals("POLYGON")) {
                sb.append(f.ringSigns().get(i) > 0 ? "outer" : "inner");
            }
            sb.append('(');
            List<int[]> part = f.parts().get(i);
            for (int k = 0; k < part.size(); k++) {
                sb.append(k > 0 ? "," : "").append(part.get(k)[0]).append(' ').append(part.get(k)[1]);
            }
            sb.append(')');
        }
        return sb.toString();
    }
}
