-- Already stored reports for (source, source_id) pairs, with their payload hash.
SELECT i.id, i.source, i.source_id, i.kind, i.status, i.grid_code, i.cell_id, i.accepted_at,
       encode(i.payload_hash, 'hex') AS payload_hash
FROM incident i
JOIN unnest(?::text[], ?::text[]) AS k(source, source_id)
  ON i.source = k.source AND i.source_id = k.source_id
