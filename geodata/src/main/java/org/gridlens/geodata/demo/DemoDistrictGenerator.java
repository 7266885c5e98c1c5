package org.gridlens.geodata.demo;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.locationtech.jts.geom.Geometry;

/**
 * Generates the synthetic Chengdong district as COPY text rows, table by table in {@link DemoTable}
 * order, in pure Java (no database). The output is a function of (profile, seed) only: the same
 * inputs give byte-identical rows, and the SHA-256 over all COPY bytes in table order is the
 * dataset's checksum. Each table draws from its own random stream (seed ^ table salt), so changing
 * one synthesizer does not reshuffle the others.
 */
public final class DemoDistrictGenerator {

    /** Where the generated COPY bytes of each table go. */
    @FunctionalInterface
    public interface TableSink {
        /** Opens the stream for one table; it is closed by the generator when the table is complete. */
        OutputStream open(DemoTable table) throws IOException;
    }

    private final DemoProfile profile;
    private final long seed;

    public DemoDistrictGenerator(DemoProfile profile, long seed) {
        this.profile = java.util.Objects.requireNonNull(profile, "profile");
        this.seed = seed;
    }

    /** Checksum of the dataset without any database (hex SHA-256 of the COPY bytes in table order). */
    public String checksum() {
        MessageDigest digest = sha256();
        generate(table -> new DigestOutputStream(OutputStream.nullOutputStream(), digest));
        return HexFormat.of().formatHex(digest.digest());
    }

    /**
     * Generates every table into {@code sink}; returns rows per table name in load order. The caller
     * sees tables strictly one after another.
     */
    public Map<String, Long> generate(TableSink sink) {
        Map<String, Long> counts = new LinkedHashMap<>();
        Geometry district = DistrictOutline.chengdongMetric();
        var env = district.getEnvelopeInternal();
        DensityField density = new DensityField(env.getMinY(), env.getMaxY());
        List<DemoRegion> regions = RegionPlanner.plan(district, profile, seed, density);
        GridLocator grids = new GridLocator(regions);
        write(sink, DemoTable.REGION, counts, w -> {
            for (DemoRegion r : regions) {
                w.text(r.code()).text(RegionPlanner.DISTRICT_CODE).text(r.level()).text(r.parentCode()).text(r.name())
                        .text(r.nameEn()).geom(r.wgs());
                w.endRow();
            }
        });
        CellLattice cells = new CellLattice(district);
        write(sink, DemoTable.UNIT_CELL, counts, w -> {
            for (CellLattice.Cell c : cells.cells()) {
                double[] ll = org.gridlens.geodata.crs.GaussKruger.inverse(c.centreX(), c.centreY());
                w.num(c.id()).text("C" + c.col() + "_" + c.row()).text(RegionPlanner.DISTRICT_CODE).num(c.col()).num(c.row())
                        .dec(CellLattice.SIZE_M, 0).text(grids.gridOf(ll[0], ll[1])).geom(c.wgs());
                w.endRow();
            }
        });
        List<DemoParcel> parcels = ParcelSynthesizer.synthesize(regions, profile, seed, density);
        write(sink, DemoTable.PARCEL, counts, w -> {
            for (DemoParcel p : parcels) {
                w.num(p.id()).text(p.code()).text(RegionPlanner.DISTRICT_CODE).text(p.landUse()).nul().nul()
                        .geom(multi(p.metric()));
                w.endRow();
            }
        });
        List<DemoBuilding> buildings = BuildingSynthesizer.synthesize(parcels, profile, seed, density);
        write(sink, DemoTable.BUILDING, counts, w -> {
            for (DemoBuilding b : buildings) {
                w.num(b.id()).text(b.code()).text(RegionPlanner.DISTRICT_CODE).num(b.parcelId()).text(b.gridCode())
                        .text(b.use()).num(b.floors()).dec(b.heightM(), 1).dec(b.baseElevM(), 1).num(b.yearBuilt())
                        .geom(multi(b.metric()));
                w.endRow();
            }
        });
        List<DemoHousingUnit> units = HousingSynthesizer.synthesize(buildings, profile, seed);
        write(sink, DemoTable.HOUSING_UNIT, counts, w -> {
            for (DemoHousingUnit u : units) {
                w.num(u.id()).text(buildings.get(u.buildingId() - 1).code() + "-" + u.unitNo())
                        .text(RegionPlanner.DISTRICT_CODE).num(u.buildingId()).num(u.floor()).text(u.unitNo())
                        .dec(u.areaM2(), 1).text(u.use());
                w.endRow();
            }
        });
        write(sink, DemoTable.RESIDENT, counts, w -> ResidentSynthesizer.write(w, units, profile, seed));
        List<DemoAddress> addresses = AddressSynthesizer.synthesize(regions, buildings, units);
        write(sink, DemoTable.ADDRESS, counts, w -> {
            for (DemoAddress a : addresses) {
                w.num(a.id()).text(a.code()).text(RegionPlanner.DISTRICT_CODE).text(a.fullText()).num(a.buildingId())
                        .numOrNull(a.housingUnitId() == 0 ? null : (long) a.housingUnitId()).point(a.lon(), a.lat());
                w.endRow();
            }
        });
        List<CategoryCatalog.Category> categories = CategoryCatalog.minorCategories();
        write(sink, DemoTable.COMPONENT, counts, w -> FixtureSynthesizer.writeComponents(w, buildings, categories, profile, seed));
        write(sink, DemoTable.CAMERA, counts, w -> FixtureSynthesizer.writeCameras(w, buildings, profile, seed));
        List<FacilitySynthesizer.Underserved> underserved = new java.util.ArrayList<>();
        write(sink, DemoTable.FACILITY, counts, w -> underserved.addAll(FacilitySynthesizer.write(w, regions, buildings, profile, seed)));
        List<PlantedHotArea> planted = HotAreaPlanner.plan(buildings, addresses, profile, seed,
                IncidentSynthesizer.FIRST_DAY, IncidentSynthesizer.LAST_DAY);
        IncidentSynthesizer incidents = new IncidentSynthesizer(seed, categories, buildings, addresses, grids, cells);
        ByteArrayOutputStream stageLog = new ByteArrayOutputStream(1 << 20);
        long[][] plantedCounts = new long[1][];
        write(sink, DemoTable.INCIDENT, counts, w -> {
            try (CopyWriter ev = new CopyWriter(stageLog)) {
                plantedCounts[0] = incidents.write(w, ev, planted, profile);
            }
        });
        write(sink, DemoTable.CASE_EVENT, counts, w -> w.appendEncoded(stageLog.toByteArray(), incidents.caseEvents()));
        write(sink, DemoTable.DEMO_TRUTH, counts, w -> {
            int id = 0;
            for (int i = 0; i < planted.size(); i++) {
                PlantedHotArea p = planted.get(i);
                w.num(++id).text(p.kind()).text(p.categoryCode()).point(p.lon(), p.lat()).dec(p.radiusM(), 1)
                        .date(p.startDay()).date(p.endDay()).num(plantedCounts[0][i]).text(p.note());
                w.endRow();
            }
            for (FacilitySynthesizer.Underserved u : underserved) {
                w.num(++id).text("underserved").nul().point(u.lon(), u.lat()).dec(0, 1).nul().nul().num(0)
                        .text(u.communityCode() + " " + u.name() + ": no elderly_day_care, community_health, kindergarten");
                w.endRow();
            }
        });
        return counts;
    }

    private interface RowSource {
        void rows(CopyWriter w);
    }

    private void write(TableSink sink, DemoTable table, Map<String, Long> counts, RowSource source) {
        try (OutputStream out = sink.open(table)) {
            CopyWriter w = new CopyWriter(out);
            source.rows(w);
            w.close();
            counts.put(table.tableName(), w.rows());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Geometry multi(Geometry polygon) {
        return WgsProjector.toWgs(PolygonSplitter.asMulti(polygon));
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
