-- Unit cells with their EPSG:4543 centroids, by id.
SELECT id, code, ST_X(centroid_4543), ST_Y(centroid_4543)
FROM unit_cell
ORDER BY id
