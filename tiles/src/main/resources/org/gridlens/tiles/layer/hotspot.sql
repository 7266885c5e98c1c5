-- Gi* hot and cold spots per unit cell at the analytics defaults (analytic_hotspot_cell, kept current by
-- geodata.analytics.layer.AnalyticLayerRefresher); cells that are not significant (bin 0) are not drawn.
SELECT c.id AS fid, h.gi_bin, round(h.gi_z::numeric, 3)::double precision AS gi_z, h.gi_p, h.count,
       ST_AsMVTGeom(c.geom_3857, m.env, 4096, 64, true) AS geom
FROM unit_cell c JOIN analytic_hotspot_cell h ON h.cell_id = c.id, p, m
WHERE h.gi_bin <> 0 AND c.geom_3857 && m.search
