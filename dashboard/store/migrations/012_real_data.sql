-- Derived indicators whose parts are sums of groups (age bands), and the catalogue settings
-- of the analyses (which indicators form the social status index and the similarity).
ALTER TABLE indicator ADD COLUMN IF NOT EXISTS numerator_groups VARCHAR[];
ALTER TABLE indicator ADD COLUMN IF NOT EXISTS denominator_groups VARCHAR[];
CREATE TABLE IF NOT EXISTS analysis_setting (
    key VARCHAR PRIMARY KEY,
    indicators VARCHAR[] NOT NULL,
    sort INTEGER NOT NULL
);
