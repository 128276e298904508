-- Short links (issue 19): a random code for one page with its whitelisted query parameters;
-- the canonical text is unique, so the same view always gets the same code.
CREATE TABLE IF NOT EXISTS short_link (
    code VARCHAR PRIMARY KEY,
    page VARCHAR NOT NULL,
    query VARCHAR NOT NULL UNIQUE,
    created_at TIMESTAMP NOT NULL
);
