DELETE FROM import_staging s USING import_issue i WHERE i.row_no = s.row_no AND i.outcome = 'REJECTED';
