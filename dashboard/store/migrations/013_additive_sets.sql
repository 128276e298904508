-- Declared additive structure (group splits, identities between indicators): a catalogue
-- table like the others, read by disclosure control.
CREATE TABLE IF NOT EXISTS additive_set (
    id VARCHAR NOT NULL,
    kind VARCHAR NOT NULL,
    total VARCHAR NOT NULL,
    parts VARCHAR[] NOT NULL,
    sort INTEGER NOT NULL,
    PRIMARY KEY (kind, id)
);
