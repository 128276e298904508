"""Named, ordered, re-runnable schema migrations (applied by the store, recorded in a table).

Each migration is idempotent on its own (``IF NOT EXISTS``), and the store records which ones
ran, so a migration never runs twice on one database. Never edit a released migration: add a
new one. Foreign keys are checked by the importers instead of DuckDB, because DuckDB refuses
updates of referenced rows inside one transaction.
"""

from __future__ import annotations

CREATE_MIGRATION_TABLE = """
CREATE TABLE IF NOT EXISTS schema_migration (
    name VARCHAR PRIMARY KEY,
    applied_at TIMESTAMP NOT NULL DEFAULT current_timestamp
)
"""

M001_CATALOGUES = """
CREATE TABLE IF NOT EXISTS area (
    code VARCHAR PRIMARY KEY,
    level VARCHAR NOT NULL,
    name VARCHAR NOT NULL,
    parent_code VARCHAR,
    aliases VARCHAR[] NOT NULL DEFAULT [],
    sort INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS field (
    id VARCHAR PRIMARY KEY,
    title VARCHAR NOT NULL,
    short VARCHAR NOT NULL,
    kind VARCHAR NOT NULL,
    sort INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS goal (
    id VARCHAR PRIMARY KEY,
    field_id VARCHAR NOT NULL,
    parent_id VARCHAR,
    kind VARCHAR NOT NULL,
    number VARCHAR NOT NULL,
    label VARCHAR NOT NULL,
    grp VARCHAR,
    name VARCHAR,
    area_code VARCHAR,
    sort INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS goal_support (
    goal_id VARCHAR NOT NULL,
    leitziel_id VARCHAR NOT NULL,
    PRIMARY KEY (goal_id, leitziel_id)
);
CREATE TABLE IF NOT EXISTS group_label (
    id VARCHAR PRIMARY KEY,
    label VARCHAR NOT NULL
);
CREATE TABLE IF NOT EXISTS indicator (
    id VARCHAR PRIMARY KEY,
    name VARCHAR NOT NULL,
    short VARCHAR NOT NULL,
    field_id VARCHAR NOT NULL,
    unit VARCHAR NOT NULL,
    kind VARCHAR NOT NULL,
    direction VARCHAR NOT NULL,
    target_type VARCHAR NOT NULL,
    levels VARCHAR[] NOT NULL,
    groups VARCHAR[] NOT NULL,
    decimals INTEGER NOT NULL,
    definition VARCHAR NOT NULL,
    source VARCHAR NOT NULL,
    numerator_id VARCHAR,
    denominator_id VARCHAR,
    factor DOUBLE,
    parity_reference VARCHAR,
    aggregate VARCHAR NOT NULL,
    sort INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS goal_indicator (
    goal_id VARCHAR NOT NULL,
    indicator_id VARCHAR NOT NULL,
    PRIMARY KEY (goal_id, indicator_id)
);
"""

M002_IMPORTS_AND_OBSERVATIONS = """
CREATE SEQUENCE IF NOT EXISTS import_log_id START 1;
CREATE TABLE IF NOT EXISTS import_log (
    id INTEGER PRIMARY KEY DEFAULT nextval('import_log_id'),
    logged_at TIMESTAMP NOT NULL DEFAULT current_timestamp,
    actor VARCHAR NOT NULL,
    file VARCHAR NOT NULL,
    sha256 VARCHAR NOT NULL,
    kind VARCHAR NOT NULL,
    rows INTEGER NOT NULL,
    inserted INTEGER NOT NULL,
    updated INTEGER NOT NULL,
    unchanged INTEGER NOT NULL,
    status VARCHAR NOT NULL,
    problems VARCHAR NOT NULL
);
CREATE TABLE IF NOT EXISTS observation (
    indicator_id VARCHAR NOT NULL,
    area_code VARCHAR NOT NULL,
    period INTEGER NOT NULL,
    grp VARCHAR NOT NULL DEFAULT 'insgesamt',
    value DOUBLE,
    numerator DOUBLE,
    denominator DOUBLE,
    flag VARCHAR,
    source VARCHAR,
    is_demo BOOLEAN NOT NULL DEFAULT false,
    import_id INTEGER,
    PRIMARY KEY (indicator_id, area_code, period, grp)
);
CREATE TABLE IF NOT EXISTS area_geometry (
    layer VARCHAR NOT NULL,
    area_code VARCHAR NOT NULL,
    wkb BLOB NOT NULL,
    import_id INTEGER,
    PRIMARY KEY (layer, area_code)
);
CREATE TABLE IF NOT EXISTS meta (
    key VARCHAR PRIMARY KEY,
    value VARCHAR NOT NULL
);
"""

M003_TARGETS_AND_MEASURES = """
CREATE SEQUENCE IF NOT EXISTS target_id START 1;
CREATE TABLE IF NOT EXISTS target (
    id INTEGER PRIMARY KEY DEFAULT nextval('target_id'),
    indicator_id VARCHAR NOT NULL,
    area_code VARCHAR,
    grp VARCHAR NOT NULL DEFAULT 'insgesamt',
    type VARCHAR NOT NULL,
    value DOUBLE,
    reference_indicator VARCHAR,
    reference_grp VARCHAR,
    baseline_period INTEGER,
    baseline_value DOUBLE,
    target_period INTEGER NOT NULL,
    goal_id VARCHAR,
    note VARCHAR,
    is_demo BOOLEAN NOT NULL DEFAULT false,
    active BOOLEAN NOT NULL DEFAULT true,
    created_at TIMESTAMP NOT NULL DEFAULT current_timestamp,
    created_by VARCHAR NOT NULL,
    retired_at TIMESTAMP,
    retired_by VARCHAR,
    retire_reason VARCHAR,
    import_id INTEGER,
    version INTEGER NOT NULL DEFAULT 1
);
CREATE TABLE IF NOT EXISTS organisation (
    id VARCHAR PRIMARY KEY,
    name VARCHAR NOT NULL,
    kind VARCHAR
);
CREATE SEQUENCE IF NOT EXISTS measure_id START 1;
CREATE TABLE IF NOT EXISTS measure (
    id INTEGER PRIMARY KEY DEFAULT nextval('measure_id'),
    title VARCHAR NOT NULL,
    description VARCHAR,
    status VARCHAR NOT NULL,
    organisation_id VARCHAR,
    contact VARCHAR,
    partners VARCHAR,
    planned_start DATE,
    planned_end DATE,
    actual_start DATE,
    actual_end DATE,
    progress INTEGER NOT NULL DEFAULT 0,
    reach INTEGER,
    budget DOUBLE,
    origin VARCHAR,
    last_reviewed DATE,
    next_step VARCHAR,
    next_step_date DATE,
    notes VARCHAR,
    archived BOOLEAN NOT NULL DEFAULT false,
    is_demo BOOLEAN NOT NULL DEFAULT false,
    import_id INTEGER,
    version INTEGER NOT NULL DEFAULT 1,
    created_at TIMESTAMP NOT NULL DEFAULT current_timestamp,
    updated_at TIMESTAMP NOT NULL DEFAULT current_timestamp
);
CREATE TABLE IF NOT EXISTS measure_field (
    measure_id INTEGER NOT NULL,
    field_id VARCHAR NOT NULL,
    PRIMARY KEY (measure_id, field_id)
);
CREATE TABLE IF NOT EXISTS measure_goal (
    measure_id INTEGER NOT NULL,
    goal_id VARCHAR NOT NULL,
    PRIMARY KEY (measure_id, goal_id)
);
CREATE TABLE IF NOT EXISTS measure_area (
    measure_id INTEGER NOT NULL,
    area_code VARCHAR NOT NULL,
    PRIMARY KEY (measure_id, area_code)
);
CREATE SEQUENCE IF NOT EXISTS measure_event_id START 1;
CREATE TABLE IF NOT EXISTS measure_event (
    id INTEGER PRIMARY KEY DEFAULT nextval('measure_event_id'),
    measure_id INTEGER NOT NULL,
    happened_at TIMESTAMP NOT NULL,
    actor VARCHAR NOT NULL,
    kind VARCHAR NOT NULL,
    changes VARCHAR NOT NULL,
    comment VARCHAR
);
"""

M004_HISTORY_AND_REVIEWS = """
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
"""

M005_DECKS = """
CREATE TABLE IF NOT EXISTS deck (
    name VARCHAR PRIMARY KEY,
    spec VARCHAR NOT NULL,
    version INTEGER NOT NULL DEFAULT 1,
    updated_at TIMESTAMP NOT NULL DEFAULT current_timestamp,
    updated_by VARCHAR NOT NULL
);
"""

M006_ACCESS = """
CREATE TABLE IF NOT EXISTS app_user (
    username VARCHAR PRIMARY KEY,
    display_name VARCHAR NOT NULL,
    role VARCHAR NOT NULL,
    password_hash VARCHAR,
    disabled BOOLEAN NOT NULL DEFAULT false,
    failed_logins INTEGER NOT NULL DEFAULT 0,
    locked_until TIMESTAMP,
    last_login TIMESTAMP,
    created_at TIMESTAMP NOT NULL DEFAULT current_timestamp,
    updated_at TIMESTAMP NOT NULL DEFAULT current_timestamp
);
CREATE TABLE IF NOT EXISTS user_scope (
    username VARCHAR NOT NULL,
    kind VARCHAR NOT NULL,
    value VARCHAR NOT NULL,
    PRIMARY KEY (username, kind, value)
);
CREATE TABLE IF NOT EXISTS role_claim_map (
    claim_value VARCHAR PRIMARY KEY,
    role VARCHAR NOT NULL,
    areas VARCHAR[] NOT NULL DEFAULT [],
    fields VARCHAR[] NOT NULL DEFAULT []
);
CREATE SEQUENCE IF NOT EXISTS access_log_id START 1;
CREATE TABLE IF NOT EXISTS access_log (
    id INTEGER PRIMARY KEY DEFAULT nextval('access_log_id'),
    happened_at TIMESTAMP NOT NULL,
    username VARCHAR NOT NULL,
    action VARCHAR NOT NULL,
    detail VARCHAR
);
"""

# Released values (suppression applied) are materialised per indicator on first read and
# dropped by every write that could change them; the rule records the thresholds used.
M007_RELEASED = """
CREATE TABLE IF NOT EXISTS released_observation (
    indicator_id VARCHAR NOT NULL,
    area_code VARCHAR NOT NULL,
    period INTEGER NOT NULL,
    grp VARCHAR NOT NULL,
    value DOUBLE,
    numerator DOUBLE,
    denominator DOUBLE,
    flag VARCHAR,
    source VARCHAR
);
CREATE TABLE IF NOT EXISTS released_indicator (
    indicator_id VARCHAR PRIMARY KEY,
    rule VARCHAR NOT NULL,
    computed_at TIMESTAMP NOT NULL
);
"""

# Natural limit of an indicator's values (Open SDG's ``limit``, e.g. 100 for a share that
# should rise); NULL: none. "limit" itself is an SQL keyword.
M008_INDICATOR_LIMIT = """
ALTER TABLE indicator ADD COLUMN IF NOT EXISTS natural_limit DOUBLE;
"""

# issue 13: the table's own notes and a series break flag travel with each observation
M009_OBSERVATION_NOTES = """
ALTER TABLE observation ADD COLUMN IF NOT EXISTS note VARCHAR;
ALTER TABLE observation ADD COLUMN IF NOT EXISTS series_break BOOLEAN DEFAULT false;
"""

# Local notes of the district networks: never deleted; status changes are events.
M010_LOCAL_NOTES = """
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
"""

# Data care in the app (issue 13): what an import replaced, so that it can be undone. Only
# replaced rows are kept (the rows an import adds carry its import_id); they are written under
# a token before the import, and the token is linked to its import_log id right after it.
M011_IMPORT_UNDO = """
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
"""


# Derived indicators whose parts are sums of groups (age bands), and the catalogue's settings
# of the analyses (which indicators form the social status index and the similarity).
M012_REAL_DATA = """
ALTER TABLE indicator ADD COLUMN IF NOT EXISTS numerator_groups VARCHAR[];
ALTER TABLE indicator ADD COLUMN IF NOT EXISTS denominator_groups VARCHAR[];
CREATE TABLE IF NOT EXISTS analysis_setting (
    key VARCHAR PRIMARY KEY,
    indicators VARCHAR[] NOT NULL,
    sort INTEGER NOT NULL
);
"""

# Declared additive structure (group splits, identities between indicators): a catalogue
# table like the others, read by disclosure control.
M013_ADDITIVE_SETS = """
CREATE TABLE IF NOT EXISTS additive_set (
    id VARCHAR NOT NULL,
    kind VARCHAR NOT NULL,
    total VARCHAR NOT NULL,
    parts VARCHAR[] NOT NULL,
    sort INTEGER NOT NULL,
    PRIMARY KEY (kind, id)
);
"""

# Short links (issue 19): a random code for one page with its whitelisted query parameters;
# the canonical text is unique, so the same view always gets the same code.
M014_SHORT_LINKS = """
CREATE TABLE IF NOT EXISTS short_link (
    code VARCHAR PRIMARY KEY,
    page VARCHAR NOT NULL,
    query VARCHAR NOT NULL UNIQUE,
    created_at TIMESTAMP NOT NULL
);
"""

MIGRATIONS: list[tuple[str, str]] = [
    ("001_catalogues", M001_CATALOGUES),
    ("002_imports_and_observations", M002_IMPORTS_AND_OBSERVATIONS),
    ("003_targets_and_measures", M003_TARGETS_AND_MEASURES),
    ("004_history_and_reviews", M004_HISTORY_AND_REVIEWS),
    ("005_decks", M005_DECKS),
    ("006_access", M006_ACCESS),
    ("007_released", M007_RELEASED),
    ("008_indicator_limit", M008_INDICATOR_LIMIT),
    ("009_observation_notes", M009_OBSERVATION_NOTES),
    ("010_local_notes", M010_LOCAL_NOTES),
    ("011_import_undo", M011_IMPORT_UNDO),
    ("012_real_data", M012_REAL_DATA),
    ("013_additive_sets", M013_ADDITIVE_SETS),
    ("014_short_links", M014_SHORT_LINKS),
]
