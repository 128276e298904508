CREATE TABLE IF NOT EXISTS deck (
    name VARCHAR PRIMARY KEY,
    spec VARCHAR NOT NULL,
    version INTEGER NOT NULL DEFAULT 1,
    updated_at TIMESTAMP NOT NULL DEFAULT current_timestamp,
    updated_by VARCHAR NOT NULL
);
