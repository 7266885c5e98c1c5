-- Every class of the code list with the English name of its major class.
SELECT c.code, c.kind, c.level, c.name_zh, c.name_en, c.time_limit_hours, p.name_en AS group_name
FROM category c
LEFT JOIN category p ON p.code = c.parent_code
ORDER BY c.code
