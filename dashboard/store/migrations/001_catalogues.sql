CREATE TABLE IF NOT EXISTS area (
    code VARCHAR PRIMARY KEY,
    level VARCHAR NOT NULL,
    name VARCHAR NOT NULL,
    parent_code VARCHAR,
    aliases VARCHAR[] NOT NULL DEFAULT [],
    sort INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS field (
    id VARCHAR PRIMARY KEY,
    title VARCHAR NOT NULL,
    short VARCHAR NOT NULL,
    kind VARCHAR NOT NULL,
    sort INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS goal (
    id VARCHAR PRIMARY KEY,
    field_id VARCHAR NOT NULL,
    parent_id VARCHAR,
    kind VARCHAR NOT NULL,
    number VARCHAR NOT NULL,
    label VARCHAR NOT NULL,
    grp VARCHAR,
    name VARCHAR,
    area_code VARCHAR,
    sort INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS goal_support (
    goal_id VARCHAR NOT NULL,
    leitziel_id VARCHAR NOT NULL,
    PRIMARY KEY (goal_id, leitziel_id)
);
CREATE TABLE IF NOT EXISTS group_label (
    id VARCHAR PRIMARY KEY,
    label VARCHAR NOT NULL
);
CREATE TABLE IF NOT EXISTS indicator (
    id VARCHAR PRIMARY KEY,
    name VARCHAR NOT NULL,
    short VARCHAR NOT NULL,
    field_id VARCHAR NOT NULL,
    unit VARCHAR NOT NULL,
    kind VARCHAR NOT NULL,
    direction VARCHAR NOT NULL,
    target_type VARCHAR NOT NULL,
    levels VARCHAR[] NOT NULL,
    groups VARCHAR[] NOT NULL,
    decimals INTEGER NOT NULL,
    definition VARCHAR NOT NULL,
    source VARCHAR NOT NULL,
    numerator_id VARCHAR,
    denominator_id VARCHAR,
    factor DOUBLE,
    parity_reference VARCHAR,
    aggregate VARCHAR NOT NULL,
    sort INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS goal_indicator (
    goal_id VARCHAR NOT NULL,
    indicator_id VARCHAR NOT NULL,
    PRIMARY KEY (goal_id, indicator_id)
);
