-- People and housing per grid from the grid_population roll-up (migration V32): residents by birth
-- year (element i = birth year 1889 + i), then the other counts.
SELECT grid_code, by_birth_year, elderly_alone, disabled, low_income, registered, floating, buildings, housing_units
FROM grid_population
