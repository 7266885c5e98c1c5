-- Planted truth of the synthetic demo district: where and what the generator deliberately put in
-- (hot areas that persist, emerge or fade, repeat addresses, under-served communities), so that
-- analytics tests can check that they find what is really there. Empty outside demo deployments.
CREATE TABLE demo_truth (
    id             integer PRIMARY KEY,
    kind           text    NOT NULL CHECK (kind IN ('persistent', 'emerging', 'fading', 'repeat_address', 'underserved')),
    category_code  varchar(12) REFERENCES category (code),
    center         geometry(Point, 4326) NOT NULL,
    radius_m       double precision NOT NULL CHECK (radius_m >= 0),
    start_day      date,
    end_day        date,
    expected_count integer NOT NULL DEFAULT 0 CHECK (expected_count >= 0),
    note           text
);
