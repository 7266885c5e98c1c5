package org.gridlens.geodata.importing;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.Arrays;

/**
 * The vertex list of a CityJSON document or CityJSONSeq feature, held compactly: 12 bytes per vertex
 * for integer vertices (CityJSON 1.1 and 2.0 require them, with a {@code transform}), 24 bytes when a
 * transform-less file has decimal ones. Coordinates come back with the transform applied; the
 * transform may be given after the vertices were read (a document may list it after them).
 *
 * <p>Vertices are kept in blocks of 65,536 so that growing never copies or needs one large contiguous
 * array. Limits: at most {@code maxVertices} vertices (an {@link ImportException} marked too-large beyond
 * that, before the memory is taken); integer vertices outside the int range and decimal vertices in a
 * file with a transform are refused as malformed.
 */
final class CityJsonVertices {

    private final long maxVertices;
    private double[] scale = {1, 1, 1};
    private double[] translate = {0, 0, 0};
    private boolean transformed;
    private static final int BLOCK_BITS = 16;
    private static final int BLOCK = 1 << BLOCK_BITS;
    private int[][] quantised = new int[16][];
    private double[][] plain;
    private int size;

    CityJsonVertices(long maxVertices) {
        this.maxVertices = maxVertices;
    }

    /** Applies a CityJSON {@code transform} member (scale and translate, three numbers each). */
    void transform(JsonNode transform) {
        scale = triple(transform.path("scale"), "scale");
        translate = triple(transform.path("translate"), "translate");
        transformed = true;
        requireIntegersIfTransformed();
    }

    private void requireIntegersIfTransformed() {
        if (transformed && plain != null) {
            throw new ImportException("the CityJSON has a transform, so its vertices must be integers");
        }
    }

    private static double[] triple(JsonNode n, String name) {
        if (!n.isArray() || n.size() != 3 || !n.get(0).isNumber() || !n.get(1).isNumber() || !n.get(2).isNumber()) {
            throw new ImportException("the CityJSON transform's \"" + name + "\" must be three numbers");
        }
        return new double[] {n.get(0).asDouble(), n.get(1).asDouble(), n.get(2).asDouble()};
    }

    /** Reads a {@code vertices} array; the parser stands on its START_ARRAY and is left on its END_ARRAY. */
    void read(JsonParser p) throws IOException {
        if (p.currentToken() != JsonToken.START_ARRAY) {
            throw new ImportException("the CityJSON \"vertices\" member must be an array");
        }
        while (p.nextToken() == JsonToken.START_ARRAY) {
            if (size >= maxVertices) {
                throw ImportException.tooLarge("the CityJSON has more than " + maxVertices + " vertices, the most one import"
                        + " holds in memory: split it by area (e.g. cjio subset --bbox) or send it as CityJSONSeq (.city.jsonl)");
            }
            grow();
            for (int k = 0; k < 3; k++) {
                JsonToken t = p.nextToken();
                int slot = 3 * (size & (BLOCK - 1)) + k;
                if (t == JsonToken.VALUE_NUMBER_INT && p.getNumberType() == JsonParser.NumberType.INT && plain == null) {
                    quantised[size >>> BLOCK_BITS][slot] = p.getIntValue();
                } else if (t == JsonToken.VALUE_NUMBER_INT || t == JsonToken.VALUE_NUMBER_FLOAT) {
                    toPlain();
                    plain[size >>> BLOCK_BITS][slot] = p.getDoubleValue();
                } else {
                    throw new ImportException("CityJSON vertex " + size + " is not three numbers");
                }
            }
            if (p.nextToken() != JsonToken.END_ARRAY) {
                throw new ImportException("CityJSON vertex " + size + " is not three numbers");
            }
            size++;
        }
        if (p.currentToken() != JsonToken.END_ARRAY) {
            throw new ImportException("the CityJSON \"vertices\" member must be an array of [x, y, z]");
        }
    }

    /** Switches to decimal storage the first time a vertex is not a small integer. */
    private void toPlain() {
        if (plain == null) {
            plain = new double[quantised.length][];
            for (int b = 0; b < quantised.length && quantised[b] != null; b++) {
                plain[b] = new double[3 * BLOCK];
                for (int i = 0; i < 3 * BLOCK; i++) {
                    plain[b][i] = quantised[b][i];
                }
            }
            quantised = null;
            requireIntegersIfTransformed();
        }
    }

    /** Makes room for vertex {@code size}: a new block every 65,536 vertices. */
    private void grow() {
        int block = size >>> BLOCK_BITS;
        if (quantised != null) {
            if (block == quantised.length) {
                quantised = Arrays.copyOf(quantised, block * 2);
            }
            if (quantised[block] == null) {
                quantised[block] = new int[3 * BLOCK];
            }
        } else {
            if (block == plain.length) {
                plain = Arrays.copyOf(plain, block * 2);
            }
            if (plain[block] == null) {
                plain[block] = new double[3 * BLOCK];
            }
        }
    }

    int size() {
        return size;
    }

    /** Coordinate {@code k} (0 = x, 1 = y, 2 = z) of vertex {@code i}; an index out of range throws. */
    double get(int i, int k) {
        if (i < 0 || i >= size) {
            throw new IndexOutOfBoundsException("vertex index " + i + " (the file has " + size + ")");
        }
        int slot = 3 * (i & (BLOCK - 1)) + k;
        return (quantised != null ? quantised[i >>> BLOCK_BITS][slot] : plain[i >>> BLOCK_BITS][slot]) * scale[k] + translate[k];
    }
}
