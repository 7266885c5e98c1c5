package org.gridlens.server.threed;

import io.javalin.http.BadRequestResponse;
import io.javalin.http.Context;
import java.sql.SQLException;
import java.util.Map;
import org.gridlens.geodata.threed.Box3d;
import org.gridlens.geodata.threed.VolumeQuery;

/** GET /api/buildings/in-box?bbox=w,s,e,n&amp;zmin=…&amp;zmax=… : buildings and strata parcels intersecting the 3D box (≤ 5000). */
public final class VolumeController {

    static final int MAX_HITS = 5000;
    private final VolumeQuery query;

    public VolumeController(VolumeQuery query) {
        this.query = query;
    }

    public void inBox(Context ctx) throws SQLException {
        String bbox = ctx.queryParam("bbox");
        if (bbox == null) {
            throw new BadRequestResponse("give bbox=west,south,east,north and zmin, zmax in metres");
        }
        String[] p = bbox.split(",");
        if (p.length != 4) {
            throw new BadRequestResponse("bbox is west,south,east,north");
        }
        Box3d box;
        try {
            box = new Box3d(Double.parseDouble(p[0]), Double.parseDouble(p[1]), Double.parseDouble(p[2]), Double.parseDouble(p[3]),
                    number(ctx, "zmin", -1000), number(ctx, "zmax", 9000));
        } catch (NumberFormatException e) {
            throw new BadRequestResponse("bbox, zmin and zmax must be numbers");
        } catch (IllegalArgumentException e) {
            throw new BadRequestResponse(e.getMessage());
        }
        ctx.json(Map.of("hits", query.intersecting(box, MAX_HITS)));
    }

    private static double number(Context ctx, String name, double dflt) {
        String v = ctx.queryParam(name);
        return v == null ? dflt : Double.parseDouble(v);
    }
}
