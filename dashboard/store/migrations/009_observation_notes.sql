-- issue 13: the notes of the source table and a series break flag travel with each observation
ALTER TABLE observation ADD COLUMN IF NOT EXISTS note VARCHAR;
ALTER TABLE observation ADD COLUMN IF NOT EXISTS series_break BOOLEAN DEFAULT false;
