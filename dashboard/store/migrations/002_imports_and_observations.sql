CREATE SEQUENCE IF NOT EXISTS import_log_id START 1;
CREATE TABLE IF NOT EXISTS import_log (
    id INTEGER PRIMARY KEY DEFAULT nextval('import_log_id'),
    logged_at TIMESTAMP NOT NULL DEFAULT current_timestamp,
    actor VARCHAR NOT NULL,
    file VARCHAR NOT NULL,
    sha256 VARCHAR NOT NULL,
    kind VARCHAR NOT NULL,
    rows INTEGER NOT NULL,
    inserted INTEGER NOT NULL,
    updated INTEGER NOT NULL,
    unchanged INTEGER NOT NULL,
    status VARCHAR NOT NULL,
    problems VARCHAR NOT NULL
);
CREATE TABLE IF NOT EXISTS observation (
    indicator_id VARCHAR NOT NULL,
    area_code VARCHAR NOT NULL,
    period INTEGER NOT NULL,
    grp VARCHAR NOT NULL DEFAULT 'insgesamt',
    value DOUBLE,
    numerator DOUBLE,
    denominator DOUBLE,
    flag VARCHAR,
    source VARCHAR,
    is_demo BOOLEAN NOT NULL DEFAULT false,
    import_id INTEGER,
    PRIMARY KEY (indicator_id, area_code, period, grp)
);
CREATE TABLE IF NOT EXISTS area_geometry (
    layer VARCHAR NOT NULL,
    area_code VARCHAR NOT NULL,
    wkb BLOB NOT NULL,
    import_id INTEGER,
    PRIMARY KEY (layer, area_code)
);
CREATE TABLE IF NOT EXISTS meta (
    key VARCHAR PRIMARY KEY,
    value VARCHAR NOT NULL
);
