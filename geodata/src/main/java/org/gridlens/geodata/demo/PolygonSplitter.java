package org.gridlens.geodata.demo;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.geom.prep.PreparedGeometry;
import org.locationtech.jts.geom.prep.PreparedGeometryFactory;
import org.locationtech.jts.geom.util.PolygonExtracter;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.PrecisionModel;
import org.locationtech.jts.operation.overlayng.OverlayNG;
import org.locationtech.jts.operation.overlayng.OverlayNGRobust;
import org.locationtech.jts.triangulate.VoronoiDiagramBuilder;

/**
 * Splits a metric polygon into n compact parts that tile it: Voronoi cells of k-means-relaxed seed
 * points, each intersected with the parent by snap-rounding overlay on the millimetre grid. Shared
 * edges are computed once by the Voronoi builder and rounded identically on both sides, so the parts
 * have no gaps or overlaps beyond the millimetre grid. Parts are returned west→east within
 * north→south bands (the grid-numbering convention of CJ/T 213 / DB11), as MultiPolygons.
 */
final class PolygonSplitter {

    /** Floating precision: shared Voronoi edges are clipped identically on both sides (no snap-rounding drift). */
    private static final GeometryFactory FLOATING = new GeometryFactory(new PrecisionModel(), 4543);
    private final SplittableRandom random;

    PolygonSplitter(SplittableRandom random) {
        this.random = random;
    }

    List<Geometry> split(Geometry parent, int n) {
        if (n <= 1) {
            return List.of(asMulti(parent));
        }
        List<Coordinate> seeds = relaxedSeeds(parent, n);
        VoronoiDiagramBuilder vb = new VoronoiDiagramBuilder();
        vb.setSites(seeds);
        Envelope clip = new Envelope(parent.getEnvelopeInternal());
        clip.expandBy(Math.max(clip.getWidth(), clip.getHeight()));
        vb.setClipEnvelope(clip);
        Geometry cells = vb.getDiagram(FLOATING);
        Geometry floatingParent = FLOATING.createGeometry(parent);
        List<Geometry> parts = new ArrayList<>();
        for (int i = 0; i < cells.getNumGeometries(); i++) {
            Geometry piece = OverlayNGRobust.overlay(cells.getGeometryN(i), floatingParent, OverlayNG.INTERSECTION);
            Geometry multi = asMulti(piece);
            if (!multi.isEmpty() && multi.getArea() > 0) {
                parts.add(multi);
            }
        }
        double band = Math.sqrt(parent.getArea() / n);
        double top = parent.getEnvelopeInternal().getMaxY();
        parts.sort(Comparator.<Geometry>comparingLong(g -> (long) Math.floor((top - g.getInteriorPoint().getY()) / band))
                .thenComparingDouble(g -> g.getInteriorPoint().getX()));
        return parts;
    }

    private List<Coordinate> relaxedSeeds(Geometry parent, int n) {
        List<Coordinate> samples = randomPoints(parent, n * 30);
        List<Coordinate> seeds = new ArrayList<>(samples.subList(0, n));
        for (int iter = 0; iter < 8; iter++) {
            double[] sx = new double[n];
            double[] sy = new double[n];
            int[] cnt = new int[n];
            for (Coordinate s : samples) {
                int best = 0;
                double bd = Double.MAX_VALUE;
                for (int k = 0; k < n; k++) {
                    Coordinate q = seeds.get(k);
                    double d = (s.x - q.x) * (s.x - q.x) + (s.y - q.y) * (s.y - q.y);
                    if (d < bd) {
                        bd = d;
                        best = k;
                    }
                }
                sx[best] += s.x;
                sy[best] += s.y;
                cnt[best]++;
            }
            for (int k = 0; k < n; k++) {
                if (cnt[k] > 0) {
                    seeds.set(k, new Coordinate(Math.round(sx[k] / cnt[k]), Math.round(sy[k] / cnt[k])));
                }
            }
        }
        return seeds;
    }

    /** Uniform random points inside {@code g} (rejection sampling in its envelope). */
    List<Coordinate> randomPoints(Geometry g, int count) {
        PreparedGeometry pg = PreparedGeometryFactory.prepare(g);
        Envelope e = g.getEnvelopeInternal();
        List<Coordinate> out = new ArrayList<>(count);
        int guard = 0;
        while (out.size() < count && guard++ < count * 1000) {
            Coordinate c = new Coordinate(e.getMinX() + random.nextDouble() * e.getWidth(),
                    e.getMinY() + random.nextDouble() * e.getHeight());
            if (pg.contains(WgsProjector.METRIC.createPoint(c))) {
                out.add(c);
            }
        }
        return out;
    }

    static Geometry asMulti(Geometry g) {
        @SuppressWarnings("unchecked")
        List<Polygon> polys = PolygonExtracter.getPolygons(g);
        polys.removeIf(p -> p.isEmpty() || p.getArea() <= 0);
        return FLOATING.createMultiPolygon(polys.toArray(Polygon[]::new));
    }
}
