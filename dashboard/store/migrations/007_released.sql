-- Released values (suppression applied) are materialised per indicator on first read and
-- dropped by every write that could change them; the rule records the thresholds used.
CREATE TABLE IF NOT EXISTS released_observation (
    indicator_id VARCHAR NOT NULL,
    area_code VARCHAR NOT NULL,
    period INTEGER NOT NULL,
    grp VARCHAR NOT NULL,
    value DOUBLE,
    numerator DOUBLE,
    denominator DOUBLE,
    flag VARCHAR,
    source VARCHAR
);
CREATE TABLE IF NOT EXISTS released_indicator (
    indicator_id VARCHAR PRIMARY KEY,
    rule VARCHAR NOT NULL,
    computed_at TIMESTAMP NOT NULL
);
