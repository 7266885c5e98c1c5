package org.gridlens.server.exporting;

import io.javalin.http.BadRequestResponse;
import io.javalin.http.Context;
import io.javalin.http.NotFoundResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import org.gridlens.geodata.exporting.ExportLayer;
import org.gridlens.geodata.exporting.ExportQuery;
import org.gridlens.geodata.exporting.LayerExporter;
import org.gridlens.geodata.threed.CityJsonWriter;

/**
 * GET /api/export/{layer}.{geojson|csv|gpkg}?region=…&amp;from=…&amp;to=…&amp;bom=true, and
 * GET /api/export/buildings.city.json (all buildings as CityJSON 2.0 LoD1 solids, unfiltered) and
 * GET /api/export/buildings.city.jsonl (the same as CityJSONSeq, one feature per line).
 *
 * <p>GeoJSON and CSV stream straight from a database cursor to the response; GeoPackage is written to
 * a temporary file (SQLite needs random access) and then streamed. {@code from}/{@code to} are ISO
 * 8601 instants with offset and filter layers that have a time (incidents: reported_at).
 */
public final class ExportController {

    private final LayerExporter exporter;
    private final CityJsonWriter cityJson;

    public ExportController(LayerExporter exporter, CityJsonWriter cityJson) {
        this.exporter = exporter;
        this.cityJson = cityJson;
    }

    public void export(Context ctx) throws SQLException, IOException {
        String file = ctx.pathParam("file");
        if (file.equals("buildings.city.json") || file.equals("buildings.city.jsonl")) {
            boolean sequence = file.endsWith("l");
            ctx.contentType(sequence ? "application/city+json-seq" : "application/city+json");
            ctx.header("Content-Disposition", "attachment; filename=\"" + file + "\"");
            try (OutputStream out = ctx.res().getOutputStream()) {
                if (sequence) {
                    cityJson.writeSequence(out);
                } else {
                    cityJson.write(out);
                }
            }
            return;
        }
        int dot = file.lastIndexOf('.');
        if (dot < 1) {
            throw new BadRequestResponse("name the format: /api/export/incidents.geojson, .csv or .gpkg");
        }
        ExportLayer layer = ExportLayer.find(file.substring(0, dot))
                .orElseThrow(() -> new NotFoundResponse("no exportable layer '" + file.substring(0, dot) + "'"));
        ExportQuery q;
        try {
            q = new ExportQuery(layer, ctx.queryParam("region"), time(ctx, "from"), time(ctx, "to"), null, null, 0, 0);
        } catch (IllegalArgumentException e) {
            throw new BadRequestResponse(e.getMessage());
        }
        String name = layer.id();
        switch (file.substring(dot + 1)) {
            case "geojson" -> {
                ctx.contentType("application/geo+json");
                ctx.header("Content-Disposition", "attachment; filename=\"" + name + ".geojson\"");
                try (OutputStream out = ctx.res().getOutputStream()) {
                    exporter.writeGeoJson(q, out);
                }
            }
            case "csv" -> {
                ctx.contentType("text/csv; charset=utf-8");
                ctx.header("Content-Disposition", "attachment; filename=\"" + name + ".csv\"");
                try (OutputStream out = ctx.res().getOutputStream()) {
                    exporter.writeCsv(q, out, "true".equals(ctx.queryParam("bom")));
                }
            }
            case "gpkg" -> {
                Path dir = Files.createTempDirectory("gridlens-export-");
                Path gpkg = dir.resolve(name + ".gpkg");
                try {
                    exporter.writeGeoPackage(q, gpkg);
                    ctx.contentType("application/geopackage+sqlite3");
                    ctx.header("Content-Disposition", "attachment; filename=\"" + name + ".gpkg\"");
                    ctx.res().setContentLengthLong(Files.size(gpkg));
                    try (InputStream in = Files.newInputStream(gpkg); OutputStream out = ctx.res().getOutputStream()) {
                        in.transferTo(out);
                    }
                } finally {
                    Files.deleteIfExists(gpkg);
                    Files.deleteIfExists(dir);
                }
            }
            default -> throw new BadRequestResponse("unknown export format '" + file.substring(dot + 1) + "': geojson, csv or gpkg");
        }
    }

    private static OffsetDateTime time(Context ctx, String name) {
        String v = ctx.queryParam(name);
        if (v == null || v.isBlank()) {
            return null;
        }
        try {
            return OffsetDateTime.parse(v);
        } catch (DateTimeParseException e) {
            throw new BadRequestResponse(name + " must be an ISO 8601 instant with offset, e.g. 2026-05-01T00:00:00+08:00");
        }
    }
}
