-- Unit cells with their EPSG:4543 centroids, by id.
SELECT id, code, ST_X(ST_Centroid(ST_Transform(geom, 4543))), ST_Y(ST_Centroid(ST_Transform(geom, 4543)))
FROM unit_cell
ORDER BY id
