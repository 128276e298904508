-- Goal assessments of the pages, stored once per state of their inputs (issue 17): the key is a
-- fingerprint of everything they are computed from, so a changed input never meets a stale row.
CREATE TABLE IF NOT EXISTS stored_assessment (
    fingerprint VARCHAR PRIMARY KEY,
    saved_at TIMESTAMP NOT NULL,
    seq BIGINT NOT NULL, -- order of saving (timestamps can tie)
    row_count BIGINT NOT NULL,
    payload BLOB NOT NULL
);
