-- Local notes of the district networks: never deleted; status changes are events.
CREATE SEQUENCE IF NOT EXISTS local_note_id START 1;
CREATE TABLE IF NOT EXISTS local_note (
    id INTEGER PRIMARY KEY DEFAULT nextval('local_note_id'),
    area_code VARCHAR NOT NULL,
    indicator_id VARCHAR,
    period INTEGER,
    goal_id VARCHAR,
    measure_id INTEGER,
    text VARCHAR NOT NULL,
    organisation VARCHAR NOT NULL,
    author VARCHAR NOT NULL,
    status VARCHAR NOT NULL,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL,
    version INTEGER NOT NULL DEFAULT 1
);
CREATE SEQUENCE IF NOT EXISTS local_note_event_id START 1;
CREATE TABLE IF NOT EXISTS local_note_event (
    id INTEGER PRIMARY KEY DEFAULT nextval('local_note_event_id'),
    note_id INTEGER NOT NULL,
    happened_at TIMESTAMP NOT NULL,
    actor VARCHAR NOT NULL,
    old_status VARCHAR,
    new_status VARCHAR NOT NULL
);
