-- Data care in the app (issue 13): what an import replaced, so that it can be undone. Only
-- replaced rows are kept (the rows an import adds carry its import_id); they are written under
-- a token before the import, and the token is linked to its import_log id right after it.
CREATE TABLE IF NOT EXISTS undo_snapshot (
    token VARCHAR PRIMARY KEY,
    import_id INTEGER,
    kind VARCHAR NOT NULL,
    layer VARCHAR
);
CREATE TABLE IF NOT EXISTS observation_undo (
    token VARCHAR NOT NULL,
    indicator_id VARCHAR NOT NULL,
    area_code VARCHAR NOT NULL,
    period INTEGER NOT NULL,
    grp VARCHAR NOT NULL,
    old_row VARCHAR NOT NULL  -- the replaced row as JSON: columns added later come back too
);
CREATE TABLE IF NOT EXISTS geometry_undo (
    token VARCHAR NOT NULL,
    area_code VARCHAR NOT NULL,
    wkb BLOB NOT NULL,
    old_import_id INTEGER
);
CREATE TABLE IF NOT EXISTS import_undo (
    import_id INTEGER PRIMARY KEY,
    undo_id INTEGER NOT NULL,
    undone_at TIMESTAMP NOT NULL,
    undone_by VARCHAR NOT NULL,
    restored INTEGER NOT NULL,
    removed INTEGER NOT NULL
);
