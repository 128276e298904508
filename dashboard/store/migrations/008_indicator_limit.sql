-- Natural limit of the values of an indicator (limit in Open SDG, e.g. 100 for a share that
-- should rise); NULL: none. "limit" itself is an SQL keyword.
ALTER TABLE indicator ADD COLUMN IF NOT EXISTS natural_limit DOUBLE;
