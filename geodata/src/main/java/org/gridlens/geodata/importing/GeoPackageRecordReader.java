package org.gridlens.geodata.importing;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import mil.nga.geopackage.GeoPackage;
import mil.nga.geopackage.GeoPackageManager;
import mil.nga.geopackage.features.user.FeatureDao;
import mil.nga.geopackage.features.user.FeatureResultSet;
import mil.nga.geopackage.features.user.FeatureRow;
import mil.nga.geopackage.geom.GeoPackageGeometryData;
import mil.nga.geopackage.srs.SpatialReferenceSystem;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.io.WKBReader;

/**
 * Streams the features of one feature table of a GeoPackage with the NGA GeoPackage library. The
 * table's spatial reference system is reported as the file's declared CRS when its organisation is EPSG.
 */
public final class GeoPackageRecordReader implements RecordReader {

    private final GeoPackage gpkg;
    private final FeatureResultSet rows;
    private final String geometryColumn;
    private final SourceCrs declared;
    private final ImportLimits limits;
    private final WKBReader wkb = new WKBReader();
    private long row;

    public GeoPackageRecordReader(Path file, String table, ImportLimits limits) {
        this.limits = limits;
        try {
            this.gpkg = GeoPackageManager.open(file.toFile(), false);
        } catch (RuntimeException e) {
            throw new ImportException("not a readable GeoPackage: " + rootMessage(e), e);
        }
        try {
            List<String> tables = gpkg.getFeatureTables();
            if (tables.isEmpty()) {
                throw new ImportException("the GeoPackage has no feature table");
            }
            String chosen = table != null ? table : tables.get(0);
            if (!tables.contains(chosen)) {
                throw new ImportException("the GeoPackage has no feature table '" + table + "'; it has " + tables);
            }
            FeatureDao dao = gpkg.getFeatureDao(chosen);
            this.geometryColumn = dao.getGeometryColumnName();
            SpatialReferenceSystem srs = dao.getSrs();
            SourceCrs crs = null;
            if (srs != null && "EPSG".equalsIgnoreCase(srs.getOrganization())) {
                try {
                    crs = SourceCrs.parse(String.valueOf(srs.getOrganizationCoordsysId()));
                } catch (IllegalArgumentException e) {
                    throw new ImportException("the GeoPackage's " + e.getMessage());
                }
            }
            this.declared = crs;
            this.rows = dao.queryForAll();
        } catch (RuntimeException e) {
            gpkg.close();
            throw e instanceof ImportException ie ? ie : new ImportException("cannot read the GeoPackage: " + rootMessage(e), e);
        }
    }

    private static String rootMessage(Throwable e) {
        while (e.getCause() != null) {
            e = e.getCause();
        }
        return String.valueOf(e.getMessage());
    }

    @Override
    public Optional<SourceCrs> declaredCrs() {
        return Optional.ofNullable(declared);
    }

    @Override
    public SourceRecord next() {
        boolean more;
        try {
            more = rows.moveToNext();
        } catch (RuntimeException e) {
            throw new ImportException("the GeoPackage is damaged near feature " + (row + 1) + ": " + rootMessage(e), e);
        }
        if (!more) {
            return null;
        }
        row++;
        FeatureRow r = rows.getRow();
        Map<String, String> attributes = new LinkedHashMap<>();
        String[] names = r.getColumnNames();
        for (int i = 0; i < names.length; i++) {
            if (names[i].equals(geometryColumn)) {
                continue;
            }
            Object v = r.getValue(i);
            if (v != null) {
                attributes.put(names[i], v.toString());
            }
        }
        Geometry g = null;
        String problem = null;
        try {
            GeoPackageGeometryData data = r.getGeometry();
            if (data == null || data.isEmpty()) {
                problem = "empty geometry";
            } else {
                g = wkb.read(data.getWkb());
                if (g.getNumPoints() > limits.maxVertices()) {
                    g = null;
                    problem = "geometry has more than " + limits.maxVertices() + " vertices";
                }
            }
        } catch (IOException | org.locationtech.jts.io.ParseException | RuntimeException e) {
            problem = "unreadable geometry: " + rootMessage(e);
        }
        return new SourceRecord(row, attributes, g, problem);
    }

    @Override
    public void close() {
        try {
            rows.close();
        } finally {
            gpkg.close();
        }
    }
}
