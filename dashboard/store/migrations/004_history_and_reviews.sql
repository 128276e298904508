ALTER TABLE target ADD COLUMN IF NOT EXISTS replaces_id INTEGER;
CREATE SEQUENCE IF NOT EXISTS review_protocol_id START 1;
CREATE TABLE IF NOT EXISTS review_protocol (
    id INTEGER PRIMARY KEY DEFAULT nextval('review_protocol_id'),
    review_date DATE NOT NULL UNIQUE,
    content VARCHAR NOT NULL,
    created_by VARCHAR NOT NULL,
    updated_at TIMESTAMP NOT NULL DEFAULT current_timestamp,
    version INTEGER NOT NULL DEFAULT 1
);
