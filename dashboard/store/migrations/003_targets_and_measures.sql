CREATE SEQUENCE IF NOT EXISTS target_id START 1;
CREATE TABLE IF NOT EXISTS target (
    id INTEGER PRIMARY KEY DEFAULT nextval('target_id'),
    indicator_id VARCHAR NOT NULL,
    area_code VARCHAR,
    grp VARCHAR NOT NULL DEFAULT 'insgesamt',
    type VARCHAR NOT NULL,
    value DOUBLE,
    reference_indicator VARCHAR,
    reference_grp VARCHAR,
    baseline_period INTEGER,
    baseline_value DOUBLE,
    target_period INTEGER NOT NULL,
    goal_id VARCHAR,
    note VARCHAR,
    is_demo BOOLEAN NOT NULL DEFAULT false,
    active BOOLEAN NOT NULL DEFAULT true,
    created_at TIMESTAMP NOT NULL DEFAULT current_timestamp,
    created_by VARCHAR NOT NULL,
    retired_at TIMESTAMP,
    retired_by VARCHAR,
    retire_reason VARCHAR,
    import_id INTEGER,
    version INTEGER NOT NULL DEFAULT 1
);
CREATE TABLE IF NOT EXISTS organisation (
    id VARCHAR PRIMARY KEY,
    name VARCHAR NOT NULL,
    kind VARCHAR
);
CREATE SEQUENCE IF NOT EXISTS measure_id START 1;
CREATE TABLE IF NOT EXISTS measure (
    id INTEGER PRIMARY KEY DEFAULT nextval('measure_id'),
    title VARCHAR NOT NULL,
    description VARCHAR,
    status VARCHAR NOT NULL,
    organisation_id VARCHAR,
    contact VARCHAR,
    partners VARCHAR,
    planned_start DATE,
    planned_end DATE,
    actual_start DATE,
    actual_end DATE,
    progress INTEGER NOT NULL DEFAULT 0,
    reach INTEGER,
    budget DOUBLE,
    origin VARCHAR,
    last_reviewed DATE,
    next_step VARCHAR,
    next_step_date DATE,
    notes VARCHAR,
    archived BOOLEAN NOT NULL DEFAULT false,
    is_demo BOOLEAN NOT NULL DEFAULT false,
    import_id INTEGER,
    version INTEGER NOT NULL DEFAULT 1,
    created_at TIMESTAMP NOT NULL DEFAULT current_timestamp,
    updated_at TIMESTAMP NOT NULL DEFAULT current_timestamp
);
CREATE TABLE IF NOT EXISTS measure_field (
    measure_id INTEGER NOT NULL,
    field_id VARCHAR NOT NULL,
    PRIMARY KEY (measure_id, field_id)
);
CREATE TABLE IF NOT EXISTS measure_goal (
    measure_id INTEGER NOT NULL,
    goal_id VARCHAR NOT NULL,
    PRIMARY KEY (measure_id, goal_id)
);
CREATE TABLE IF NOT EXISTS measure_area (
    measure_id INTEGER NOT NULL,
    area_code VARCHAR NOT NULL,
    PRIMARY KEY (measure_id, area_code)
);
CREATE SEQUENCE IF NOT EXISTS measure_event_id START 1;
CREATE TABLE IF NOT EXISTS measure_event (
    id INTEGER PRIMARY KEY DEFAULT nextval('measure_event_id'),
    measure_id INTEGER NOT NULL,
    happened_at TIMESTAMP NOT NULL,
    actor VARCHAR NOT NULL,
    kind VARCHAR NOT NULL,
    changes VARCHAR NOT NULL,
    comment VARCHAR
);
