"""All SQL of the store as named constants (executed only by dashboard/store.py).

Parameters are always bound (``?``); where a name must be part of the SQL text (a table or
column), it comes from the fixed lists below, never from input.
"""

from __future__ import annotations

# --- migrations -------------------------------------------------------------------------------
SQL_APPLIED_MIGRATIONS = "SELECT name FROM schema_migration ORDER BY name"
SQL_RECORD_MIGRATION = "INSERT INTO schema_migration (name) VALUES (?)"

# --- meta -------------------------------------------------------------------------------------
SQL_META_GET = "SELECT value FROM meta WHERE key = ?"
SQL_META_SET = "INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)"

# --- catalogues -------------------------------------------------------------------------------
CATALOGUE_TABLES: dict[str, list[str]] = {
    "area": ["code", "level", "name", "parent_code", "aliases", "sort"],
    "field": ["id", "title", "short", "kind", "sort"],
    "goal": [
        "id", "field_id", "parent_id", "kind", "number", "label", "grp", "name", "area_code",
        "sort",
    ],
    "goal_support": ["goal_id", "leitziel_id"],
    "group_label": ["id", "label"],
    "indicator": [
        "id", "name", "short", "field_id", "unit", "kind", "direction", "target_type", "levels",
        "groups", "decimals", "definition", "source", "numerator_id", "denominator_id", "factor",
        "parity_reference", "aggregate", "sort", "natural_limit", "numerator_groups",
        "denominator_groups",
    ],
    "goal_indicator": ["goal_id", "indicator_id"],
    "analysis_setting": ["key", "indicators", "sort"],
    "additive_set": ["id", "kind", "total", "parts", "sort"],
}  # fmt: skip
# Table names come from the fixed dict above, never from input.
SQL_DELETE_ALL = {t: f"DELETE FROM {t}" for t in CATALOGUE_TABLES}
SQL_INSERT_FROM_FRAME = {
    t: f"INSERT INTO {t} ({', '.join(cols)}) SELECT {', '.join(cols)} FROM incoming"
    for t, cols in CATALOGUE_TABLES.items()
}
SQL_SELECT_ALL = {
    t: f"SELECT {', '.join(cols)} FROM {t} ORDER BY {'sort' if 'sort' in cols else cols[0]}"
    for t, cols in CATALOGUE_TABLES.items()
}
SQL_AREA_PARENTS = "SELECT code, parent_code FROM area"
SQL_AREA_INSERT_NEW = """
INSERT INTO area (code, level, name, parent_code, aliases, sort)
SELECT code, level, name, parent_code, aliases, sort FROM new_areas
WHERE code NOT IN (SELECT code FROM area)
"""
SQL_GROUP_LABEL_UPSERT = "INSERT OR REPLACE INTO group_label (id, label) VALUES (?, ?)"
SQL_GROUP_LABEL_EXISTS = "SELECT count(*) FROM group_label WHERE id = ?"

# --- observations -----------------------------------------------------------------------------
OBSERVATION_COLUMNS = [
    "indicator_id", "area_code", "period", "grp", "value", "numerator", "denominator", "flag",
    "source",
]  # fmt: skip
# One join against the stored rows finds what is new or changed; unchanged rows are not
# written, so a repeated import leaves import_id untouched.
# One rule for "an incoming observation differs from the stored one" (write, preview, undo).
_OBSERVATION_DIFFERS = """
   o.value IS DISTINCT FROM i.value OR o.numerator IS DISTINCT FROM i.numerator
   OR o.denominator IS DISTINCT FROM i.denominator OR o.flag IS DISTINCT FROM i.flag
   OR o.source IS DISTINCT FROM i.source OR o.is_demo IS DISTINCT FROM i.is_demo
   OR o.note IS DISTINCT FROM i.note OR o.series_break IS DISTINCT FROM i.series_break
"""
SQL_OBSERVATION_CHANGED = f"""
CREATE OR REPLACE TEMP TABLE changed_observation AS
SELECT i.*, o.indicator_id IS NULL AS is_new
FROM incoming i
LEFT JOIN observation o USING (indicator_id, area_code, period, grp)
WHERE o.indicator_id IS NULL OR {_OBSERVATION_DIFFERS}
"""
SQL_OBSERVATION_CHANGED_COUNTS = """
SELECT count(*) FILTER (WHERE is_new), count(*) FILTER (WHERE NOT is_new)
FROM changed_observation
"""
_OBSERVATION_WRITE = (
    "indicator_id, area_code, period, grp, value, numerator, denominator, flag, source, is_demo,"
    " note, series_break"
)
# the source line's notes and the series break flag of each observation (issue 13)
NOTE_COLUMNS = ["note", "series_break"]
# new keys cannot conflict: a plain insert spares the replace path for most of a first import
SQL_OBSERVATION_INSERT_NEW = f"""
INSERT INTO observation ({_OBSERVATION_WRITE}, import_id)
SELECT {_OBSERVATION_WRITE}, ? FROM changed_observation WHERE is_new
"""
SQL_OBSERVATION_REPLACE_CHANGED = f"""
INSERT OR REPLACE INTO observation ({_OBSERVATION_WRITE}, import_id)
SELECT {_OBSERVATION_WRITE}, ? FROM changed_observation WHERE NOT is_new
"""
SQL_OBSERVATION_CHANGED_DROP = "DROP TABLE changed_observation"
SQL_OBSERVATIONS = """
SELECT indicator_id, area_code, period, grp, value, numerator, denominator, flag, source, is_demo
FROM observation
WHERE list_contains(?, indicator_id)
  AND (? IS NULL OR list_contains(?, area_code))
  AND (? IS NULL OR list_contains(?, period))
  AND (? IS NULL OR list_contains(?, grp))
ORDER BY indicator_id, area_code, period, grp
"""
SQL_OBSERVATION_NOTES = """
SELECT indicator_id, area_code, period, grp, source, note, series_break
FROM observation
WHERE list_contains(?, indicator_id) AND (note IS NOT NULL OR series_break)
ORDER BY indicator_id, area_code, period, grp
"""
# the latest stored earlier period of every incoming key (plausibility: jumps)
# (a subquery instead of DuckDB's QUALIFY, so that PostgreSQL runs it too)
SQL_OBSERVATION_PREVIOUS = """
SELECT indicator_id, area_code, period, grp, prev_period, prev_value
FROM (
    SELECT i.indicator_id, i.area_code, i.period, i.grp,
           o.period AS prev_period, o.value AS prev_value,
           row_number() OVER (PARTITION BY i.indicator_id, i.area_code, i.period, i.grp
                              ORDER BY o.period DESC) AS position
    FROM incoming_keys i
    JOIN observation o
      ON o.indicator_id = i.indicator_id AND o.area_code = i.area_code AND o.grp = i.grp
     AND o.period < i.period AND o.value IS NOT NULL
) latest
WHERE position = 1
"""
# where each stored value came from: demo or the import (file, when, by whom) that wrote it
SQL_PROVENANCE = """
SELECT o.indicator_id, o.area_code, o.period, o.grp, o.source, o.is_demo,
       l.file, l.logged_at, l.actor
FROM observation o
LEFT JOIN import_log l ON l.id = o.import_id
WHERE list_contains(?, o.indicator_id)
  AND (? IS NULL OR list_contains(?, o.period))
  AND (? IS NULL OR list_contains(?, o.area_code))
"""
SQL_OBSERVATION_PERIODS = """
SELECT DISTINCT period FROM observation
WHERE ? IS NULL OR indicator_id = ? ORDER BY period
"""

# --- geometry ---------------------------------------------------------------------------------
SQL_GEOMETRY_DELETE_LAYER = "DELETE FROM area_geometry WHERE layer = ?"
SQL_GEOMETRY_INSERT = """
INSERT INTO area_geometry (layer, area_code, wkb, import_id)
SELECT ?, area_code, wkb, ? FROM incoming
"""
SQL_GEOMETRY = "SELECT area_code, wkb FROM area_geometry WHERE layer = ? ORDER BY area_code"
SQL_GEOMETRY_LAYERS = """
SELECT layer, count(*) AS areas FROM area_geometry GROUP BY layer ORDER BY layer
"""
SQL_GEOMETRY_FINGERPRINT = """
SELECT area_code, md5(wkb::VARCHAR) AS h FROM area_geometry WHERE layer = ? ORDER BY area_code
"""
SQL_GEOMETRY_INCOMING_FINGERPRINT = """
SELECT area_code, md5(wkb::VARCHAR) AS h FROM incoming ORDER BY area_code
"""

# --- import log -------------------------------------------------------------------------------
SQL_IMPORT_LOG_INSERT = """
INSERT INTO import_log
    (actor, file, sha256, kind, rows, inserted, updated, unchanged, status, problems)
VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
RETURNING id
"""
SQL_IMPORT_LOG_UPDATE = """
UPDATE import_log SET inserted = ?, updated = ?, unchanged = ?, status = ? WHERE id = ?
"""
SQL_IMPORT_LOG = """
SELECT id, logged_at, actor, file, sha256, kind, rows, inserted, updated, unchanged, status,
       problems
FROM import_log ORDER BY id DESC LIMIT ?
"""

# --- targets ----------------------------------------------------------------------------------
TARGET_COLUMNS = [
    "indicator_id", "area_code", "grp", "type", "value", "reference_indicator", "reference_grp",
    "baseline_period", "baseline_value", "target_period", "goal_id", "note", "is_demo",
    "created_by",
]  # fmt: skip
SQL_TARGET_INSERT_NEW = f"""
INSERT INTO target ({", ".join(TARGET_COLUMNS)}, import_id)
SELECT {", ".join("i." + c for c in TARGET_COLUMNS)}, ?
FROM incoming i
WHERE NOT EXISTS (
    SELECT 1 FROM target t
    WHERE t.active AND t.indicator_id = i.indicator_id
      AND t.area_code IS NOT DISTINCT FROM i.area_code AND t.grp = i.grp
      AND t.type = i.type AND t.value IS NOT DISTINCT FROM i.value
      AND t.reference_indicator IS NOT DISTINCT FROM i.reference_indicator
      AND t.baseline_period IS NOT DISTINCT FROM i.baseline_period
      AND t.baseline_value IS NOT DISTINCT FROM i.baseline_value
      AND t.target_period = i.target_period AND t.goal_id IS NOT DISTINCT FROM i.goal_id)
"""
SQL_TARGETS = """
SELECT id, indicator_id, area_code, grp, type, value, reference_indicator, reference_grp,
       baseline_period, baseline_value, target_period, goal_id, note, is_demo, active,
       created_at, created_by, retired_at, retired_by, retire_reason, version
FROM target WHERE active OR ? ORDER BY indicator_id, area_code NULLS FIRST, id
"""

# --- measures ---------------------------------------------------------------------------------
MEASURE_COLUMNS = [
    "title", "description", "status", "organisation_id", "contact", "partners", "planned_start",
    "planned_end", "actual_start", "actual_end", "progress", "reach", "budget", "origin",
    "last_reviewed", "next_step", "next_step_date", "notes", "is_demo",
]  # fmt: skip
SQL_MEASURE_INSERT = f"""
INSERT INTO measure ({", ".join(MEASURE_COLUMNS)}, import_id, created_at, updated_at)
VALUES ({", ".join("?" for _ in MEASURE_COLUMNS)}, ?, ?, ?)
RETURNING id
"""
SQL_MEASURE_FIND = "SELECT id FROM measure WHERE title = ? AND NOT archived"
SQL_MEASURE_FIELD_INSERT = "INSERT OR IGNORE INTO measure_field VALUES (?, ?)"
SQL_MEASURE_GOAL_INSERT = "INSERT OR IGNORE INTO measure_goal VALUES (?, ?)"
SQL_MEASURE_AREA_INSERT = "INSERT OR IGNORE INTO measure_area VALUES (?, ?)"
SQL_MEASURE_EVENT_INSERT = """
INSERT INTO measure_event (measure_id, happened_at, actor, kind, changes, comment)
VALUES (?, ?, ?, ?, ?, ?)
"""
SQL_MEASURES = """
SELECT m.id, m.title, m.description, m.status, m.organisation_id, org.name AS organisation,
       m.contact, m.partners, m.planned_start, m.planned_end, m.actual_start, m.actual_end,
       m.progress, m.reach, m.budget, m.origin, m.last_reviewed, m.next_step, m.next_step_date,
       m.notes, m.archived, m.is_demo, m.version, m.created_at, m.updated_at,
       coalesce((SELECT list(field_id ORDER BY field_id) FROM measure_field f
                 WHERE f.measure_id = m.id), []) AS fields,
       coalesce((SELECT list(goal_id ORDER BY goal_id) FROM measure_goal g
                 WHERE g.measure_id = m.id), []) AS goals,
       coalesce((SELECT list(area_code ORDER BY area_code) FROM measure_area a
                 WHERE a.measure_id = m.id), []) AS areas
FROM measure m LEFT JOIN organisation org ON org.id = m.organisation_id
WHERE NOT m.archived OR ?
ORDER BY m.id
"""
SQL_MEASURE_EVENTS = """
SELECT id, measure_id, happened_at, actor, kind, changes, comment FROM measure_event
WHERE ? IS NULL OR measure_id = ? ORDER BY happened_at, id
"""
SQL_ORGANISATION_UPSERT = "INSERT OR REPLACE INTO organisation (id, name, kind) VALUES (?, ?, ?)"
SQL_ORGANISATIONS = "SELECT id, name, kind FROM organisation ORDER BY name"

# --- edits with history (targets, measures, review protocols) ----------------------------------
SQL_TARGET_BY_ID = """
SELECT id, indicator_id, area_code, grp, type, value, reference_indicator, reference_grp,
       baseline_period, baseline_value, target_period, goal_id, note, is_demo, active,
       created_at, created_by, retired_at, retired_by, retire_reason, version, replaces_id
FROM target WHERE id = ?
"""
SQL_TARGET_INSERT_ONE = f"""
INSERT INTO target ({", ".join(TARGET_COLUMNS)}, replaces_id)
VALUES ({", ".join("?" for _ in TARGET_COLUMNS)}, ?)
RETURNING id
"""
SQL_TARGET_RETIRE = """
UPDATE target
SET active = false, retired_at = ?, retired_by = ?, retire_reason = ?, version = version + 1
WHERE id = ? AND version = ? AND active
"""
SQL_TARGET_CHAIN = """
WITH RECURSIVE back(id, replaces_id) AS (
    SELECT id, replaces_id FROM target WHERE id = ?
    UNION ALL
    SELECT t.id, t.replaces_id FROM target t JOIN back b ON t.id = b.replaces_id
), fwd(id) AS (
    SELECT id FROM target WHERE id = ?
    UNION ALL
    SELECT t.id FROM target t JOIN fwd f ON t.replaces_id = f.id
)
SELECT id, indicator_id, area_code, grp, type, value, reference_indicator, baseline_period,
       baseline_value, target_period, goal_id, note, active, created_at, created_by,
       retired_at, retired_by, retire_reason, version, replaces_id
FROM target WHERE id IN (SELECT id FROM back UNION SELECT id FROM fwd)
ORDER BY created_at, id
"""
MEASURE_EDITABLE = [c for c in MEASURE_COLUMNS if c != "is_demo"]
MEASURE_LINKS = {"fields": "measure_field", "goals": "measure_goal", "areas": "measure_area"}
MEASURE_LINK_COLUMN = {"fields": "field_id", "goals": "goal_id", "areas": "area_code"}
SQL_MEASURE_BY_ID = """
SELECT m.*,
       coalesce((SELECT list(field_id ORDER BY field_id) FROM measure_field f
                 WHERE f.measure_id = m.id), []) AS fields,
       coalesce((SELECT list(goal_id ORDER BY goal_id) FROM measure_goal g
                 WHERE g.measure_id = m.id), []) AS goals,
       coalesce((SELECT list(area_code ORDER BY area_code) FROM measure_area a
                 WHERE a.measure_id = m.id), []) AS areas
FROM measure m WHERE m.id = ?
"""
# Column names come from MEASURE_EDITABLE (a fixed list), never from input.
SQL_MEASURE_SET = {
    c: f"UPDATE measure SET {c} = ? WHERE id = ?" for c in [*MEASURE_EDITABLE, "archived"]
}
SQL_MEASURE_BUMP = """
UPDATE measure SET version = version + 1, updated_at = ? WHERE id = ? AND version = ?
"""
SQL_LINK_DELETE = {k: f"DELETE FROM {t} WHERE measure_id = ?" for k, t in MEASURE_LINKS.items()}
SQL_LINK_INSERT = {
    k: f"INSERT OR IGNORE INTO {t} (measure_id, {MEASURE_LINK_COLUMN[k]}) VALUES (?, ?)"
    for k, t in MEASURE_LINKS.items()
}
SQL_PROTOCOL_UPSERT = """
INSERT INTO review_protocol (review_date, content, created_by, updated_at)
VALUES (?, ?, ?, ?)
ON CONFLICT (review_date) DO UPDATE SET content = excluded.content,
    created_by = excluded.created_by, updated_at = excluded.updated_at,
    version = review_protocol.version + 1
"""
SQL_PROTOCOLS = """
SELECT id, review_date, content, created_by, updated_at, version
FROM review_protocol ORDER BY review_date DESC
"""

# --- demo -------------------------------------------------------------------------------------
SQL_DELETE_DEMO = [
    "DELETE FROM observation WHERE is_demo",
    "DELETE FROM target WHERE is_demo",
    "DELETE FROM measure_field WHERE measure_id IN (SELECT id FROM measure WHERE is_demo)",
    "DELETE FROM measure_goal WHERE measure_id IN (SELECT id FROM measure WHERE is_demo)",
    "DELETE FROM measure_area WHERE measure_id IN (SELECT id FROM measure WHERE is_demo)",
    "DELETE FROM measure_event WHERE measure_id IN (SELECT id FROM measure WHERE is_demo)",
    "DELETE FROM measure WHERE is_demo",
]

# --- summary ----------------------------------------------------------------------------------
SQL_SUMMARY = """
SELECT
    (SELECT count(*) FROM area WHERE level = 'stadtteil') AS districts,
    (SELECT count(*) FROM area) AS areas,
    (SELECT count(*) FROM field) AS fields,
    (SELECT count(*) FROM goal) AS goals,
    (SELECT count(*) FROM indicator) AS indicators,
    (SELECT count(DISTINCT indicator_id) FROM observation) AS indicators_with_data,
    (SELECT count(*) FROM observation) AS observations,
    (SELECT count(*) FROM observation WHERE is_demo) AS demo_observations,
    (SELECT min(period) FROM observation) AS first_period,
    (SELECT max(period) FROM observation) AS last_period,
    (SELECT count(*) FROM measure WHERE NOT archived) AS measures,
    (SELECT count(*) FROM measure WHERE is_demo AND NOT archived) AS demo_measures,
    (SELECT count(*) FROM target WHERE active) AS targets,
    (SELECT count(*) FROM import_log) AS imports,
    (SELECT max(logged_at) FROM import_log WHERE status <> 'abgelehnt') AS last_import
"""
FINGERPRINT_TABLES = [
    "area", "field", "goal", "goal_support", "group_label", "indicator", "goal_indicator",
    "observation", "area_geometry", "target", "organisation", "measure", "measure_field",
    "measure_goal", "measure_area", "measure_event", "meta", "additive_set",
]  # fmt: skip
SQL_FINGERPRINT = {
    t: f"SELECT count(*), coalesce(sum(hash(x)), 0) FROM (SELECT * FROM {t}) x"
    for t in FINGERPRINT_TABLES
}

# --- backup and restore (issue 7) -------------------------------------------------------------
SQL_CHECKPOINT = "CHECKPOINT"
SQL_HAS_MIGRATION_TABLE = """
SELECT count(*) FROM information_schema.tables WHERE table_name = 'schema_migration'
"""

# --- presentation decks (issue 6) -------------------------------------------------------------
SQL_DECKS = """
SELECT name, version, updated_at, updated_by FROM deck ORDER BY lower(name)
"""
SQL_DECK = "SELECT name, spec, version, updated_at, updated_by FROM deck WHERE name = ?"
SQL_DECK_INSERT = """
INSERT INTO deck (name, spec, version, updated_at, updated_by) VALUES (?, ?, 1, ?, ?)
ON CONFLICT DO NOTHING RETURNING version
"""
SQL_DECK_UPDATE = """
UPDATE deck SET spec = ?, version = version + 1, updated_at = ?, updated_by = ?
WHERE name = ? AND version = ? RETURNING version
"""
SQL_DECK_DELETE = "DELETE FROM deck WHERE name = ? RETURNING name"

# --- logins and roles (issue 7) ---------------------------------------------------------------
SQL_USER_BY_NAME = """
SELECT u.username, u.display_name, u.role, u.password_hash, u.disabled, u.failed_logins,
       u.locked_until, u.last_login,
       list(s.value ORDER BY s.value) FILTER (WHERE s.kind = 'area') AS areas,
       list(s.value ORDER BY s.value) FILTER (WHERE s.kind = 'field') AS fields
FROM app_user u LEFT JOIN user_scope s USING (username)
WHERE u.username = ?
GROUP BY ALL
"""
SQL_USERS = """
SELECT u.username, u.display_name, u.role, u.disabled, u.password_hash IS NOT NULL AS local,
       u.failed_logins, u.locked_until, u.last_login,
       coalesce(list(s.value ORDER BY s.value) FILTER (WHERE s.kind = 'area'), []) AS areas,
       coalesce(list(s.value ORDER BY s.value) FILTER (WHERE s.kind = 'field'), []) AS fields
FROM app_user u LEFT JOIN user_scope s USING (username)
GROUP BY ALL
ORDER BY u.username
"""
SQL_USER_INSERT = """
INSERT INTO app_user (username, display_name, role, password_hash) VALUES (?, ?, ?, ?)
"""
SQL_USER_SET_ROLE = "UPDATE app_user SET role = ?, updated_at = ? WHERE username = ?"
SQL_USER_SET_DISABLED = "UPDATE app_user SET disabled = ?, updated_at = ? WHERE username = ?"
SQL_USER_SET_PASSWORD = """
UPDATE app_user SET password_hash = ?, failed_logins = 0, locked_until = NULL, updated_at = ?
WHERE username = ?
"""
SQL_USER_SCOPE_DELETE = "DELETE FROM user_scope WHERE username = ?"
SQL_USER_SCOPE_INSERT = "INSERT INTO user_scope (username, kind, value) VALUES (?, ?, ?)"
SQL_USER_LOGIN_FAILED = """
UPDATE app_user
SET failed_logins = failed_logins + 1,
    locked_until = CASE WHEN failed_logins + 1 >= ? THEN ? ELSE locked_until END
WHERE username = ?
"""
SQL_USER_LOGIN_OK = """
UPDATE app_user SET failed_logins = 0, locked_until = NULL, last_login = ? WHERE username = ?
"""
SQL_CLAIM_ROLES = """
SELECT claim_value, role, areas, fields FROM role_claim_map
WHERE claim_value IN (SELECT unnest(?::VARCHAR[]))
ORDER BY claim_value
"""
SQL_CLAIM_MAP_ALL = "SELECT claim_value, role, areas, fields FROM role_claim_map ORDER BY 1"
SQL_CLAIM_MAP_UPSERT = """
INSERT OR REPLACE INTO role_claim_map (claim_value, role, areas, fields) VALUES (?, ?, ?, ?)
"""
SQL_ACCESS_LOG_INSERT = """
INSERT INTO access_log (happened_at, username, action, detail) VALUES (?, ?, ?, ?)
"""
SQL_ACCESS_LOG = """
SELECT happened_at, username, action, detail FROM access_log ORDER BY id DESC LIMIT ?
"""

# --- released values (materialised disclosure control) -----------------------------------------
RELEASED_COLUMNS = [
    "indicator_id", "area_code", "period", "grp", "value", "numerator", "denominator", "flag",
    "source",
]  # fmt: skip
OBSERVATION_VERSION_KEY = "observation_version"
SQL_OBSERVATION_VERSION_BUMP = """
INSERT OR REPLACE INTO meta (key, value)
SELECT 'observation_version', CAST(coalesce(max(TRY_CAST(value AS BIGINT)), 0) + 1 AS VARCHAR)
FROM meta WHERE key = 'observation_version'
"""
SQL_RELEASED_FRESH = "SELECT indicator_id FROM released_indicator WHERE rule = ?"
# an import stales its whole disclosure family: indicators linked by derived shares or by
# declared identities are suppressed together (see dashboard.readmodel)
SQL_RELEASED_STALE_INCOMING = """
WITH RECURSIVE link(a, b) AS (
    SELECT id, numerator_id FROM indicator WHERE numerator_id IS NOT NULL
    UNION ALL SELECT id, denominator_id FROM indicator WHERE denominator_id IS NOT NULL
    UNION ALL SELECT total, unnest(parts) FROM additive_set WHERE kind = 'identity'
), edge(a, b) AS (
    SELECT a, b FROM link UNION SELECT b, a FROM link
), family(id) AS (
    SELECT DISTINCT indicator_id FROM incoming
    UNION SELECT edge.b FROM family JOIN edge ON edge.a = family.id
)
DELETE FROM released_indicator WHERE indicator_id IN (SELECT id FROM family)
"""
SQL_RELEASED_STALE_ALL = "DELETE FROM released_indicator"
SQL_RELEASED_DELETE = "DELETE FROM released_observation WHERE list_contains(?, indicator_id)"
SQL_RELEASED_INDICATOR_DELETE = (
    "DELETE FROM released_indicator WHERE list_contains(?, indicator_id)"
)
SQL_RELEASED_INSERT = f"""
INSERT INTO released_observation ({", ".join(RELEASED_COLUMNS)})
SELECT {", ".join(RELEASED_COLUMNS)} FROM incoming
"""
SQL_RELEASED_INDICATOR_INSERT = """
INSERT INTO released_indicator (indicator_id, rule, computed_at)
SELECT unnest(?::VARCHAR[]), ?, ?
"""
SQL_RELEASED = f"""
SELECT {", ".join(RELEASED_COLUMNS)}
FROM released_observation
WHERE list_contains(?, indicator_id)
  AND (? IS NULL OR list_contains(?, area_code))
ORDER BY list_position(?, indicator_id), area_code, period, grp
"""

# --- data care in the app: preview diff, undo, data version (issue 13) -------------------------
# The columns compared and kept are read from the table itself (information_schema), so a
# column added by a later migration is compared, kept and restored without a change here.
OBSERVATION_KEY = ["indicator_id", "area_code", "period", "grp"]
SQL_DC_OBSERVATION_COLUMNS = """
SELECT column_name, data_type FROM information_schema.columns
WHERE table_name = 'observation' AND table_schema = 'main' ORDER BY ordinal_position
"""


def dc_changed(columns: list[str]) -> str:
    """SQL condition: the stored row ``o`` differs from the incoming ``i`` in one of columns."""
    return " OR ".join(f"o.{c} IS DISTINCT FROM i.{c}" for c in columns) or "false"


def dc_observation_diff(columns: list[str]) -> str:
    """Each incoming row beside the stored one with a status new / changed / unchanged."""
    return f"""
SELECT i.indicator_id, i.area_code, i.period, i.grp,
       o.value AS old_value, i.value AS new_value, o.flag AS old_flag, i.flag AS new_flag,
       CASE WHEN o.indicator_id IS NULL THEN 'new' WHEN {dc_changed(columns)} THEN 'changed'
            ELSE 'unchanged' END AS status
FROM incoming i
LEFT JOIN observation o USING (indicator_id, area_code, period, grp)
ORDER BY i.indicator_id, i.period, i.grp, i.area_code
"""


# A snapshot is written under a token before its import and linked to the import right after;
# tokens never linked (the import died in between) are dropped by the next snapshot.
SQL_DC_SNAPSHOT_ORPHANS = (
    "DELETE FROM observation_undo WHERE token IN "
    "(SELECT token FROM undo_snapshot WHERE import_id IS NULL)",
    "DELETE FROM geometry_undo WHERE token IN "
    "(SELECT token FROM undo_snapshot WHERE import_id IS NULL)",
    "DELETE FROM undo_snapshot WHERE import_id IS NULL",
)
SQL_DC_SNAPSHOT_INSERT = "INSERT INTO undo_snapshot VALUES (?, NULL, ?, ?)"
SQL_DC_SNAPSHOT_LINK = "UPDATE undo_snapshot SET import_id = ? WHERE token = ?"
SQL_DC_SNAPSHOT_DROP = (
    "DELETE FROM observation_undo WHERE token = ?",
    "DELETE FROM geometry_undo WHERE token = ?",
    "DELETE FROM undo_snapshot WHERE token = ?",
)
SQL_DC_SNAPSHOT_OF = "SELECT token, kind, layer FROM undo_snapshot WHERE import_id = ?"


def dc_observation_snapshot(columns: list[str]) -> str:
    """Keep every stored row the incoming rows will change (new rows carry the import's id)."""
    return f"""
INSERT INTO observation_undo
SELECT ?, i.indicator_id, i.area_code, i.period, i.grp, to_json(o)::VARCHAR
FROM incoming i
JOIN observation o USING (indicator_id, area_code, period, grp)
WHERE {dc_changed(columns)}
"""


# rows the import wrote that a later import (not undone) replaced since: undo that one first
SQL_DC_OBSERVATION_UNDO_CONFLICTS = """
SELECT s.import_id, count(*) AS n
FROM observation_undo u
JOIN undo_snapshot s USING (token)
WHERE s.import_id > ?
  AND s.import_id NOT IN (SELECT import_id FROM import_undo)
  AND TRY_CAST(u.old_row::JSON ->> 'import_id' AS INTEGER) = ?
GROUP BY s.import_id ORDER BY s.import_id
"""
SQL_DC_OBSERVATION_OF_IMPORT = "SELECT count(*) FROM observation WHERE import_id = ?"
SQL_DC_OBSERVATION_UNDO_COUNT = "SELECT count(*) FROM observation_undo WHERE token = ?"
SQL_DC_OBSERVATION_UNDO_INDICATORS = """
SELECT DISTINCT indicator_id FROM observation WHERE import_id = ?
UNION SELECT DISTINCT indicator_id FROM observation_undo WHERE token = ?
"""
SQL_DC_OBSERVATION_UNDO_DELETE = "DELETE FROM observation WHERE import_id = ?"
# the parameter is the row type as JSON ({"column": "TYPE", …}) read from information_schema
SQL_DC_OBSERVATION_UNDO_RESTORE = """
INSERT OR REPLACE INTO observation BY NAME
SELECT unnest(json_transform(old_row, ?)) FROM observation_undo WHERE token = ?
"""
SQL_DC_GEOMETRY_SNAPSHOT = """
INSERT INTO geometry_undo
SELECT ?, area_code, wkb, import_id FROM area_geometry WHERE layer = ?
"""
# rows of the layer another import wrote (every geometry import replaces the whole layer)
SQL_DC_GEOMETRY_LAYER_IMPORTS = """
SELECT import_id, count(*) FROM area_geometry
WHERE layer = ? AND import_id IS DISTINCT FROM ? GROUP BY import_id ORDER BY import_id
"""
SQL_DC_GEOMETRY_UNDO_RESTORE = """
INSERT INTO area_geometry (layer, area_code, wkb, import_id)
SELECT ?, area_code, wkb, old_import_id FROM geometry_undo WHERE token = ?
"""
SQL_DC_GEOMETRY_UNDO_COUNT = "SELECT count(*) FROM geometry_undo WHERE token = ?"
SQL_DC_IMPORT_BY_ID = """
SELECT id, logged_at, actor, file, sha256, kind, rows, inserted, updated, unchanged, status
FROM import_log WHERE id = ?
"""
SQL_DC_UNDO_INSERT = "INSERT INTO import_undo VALUES (?, ?, ?, ?, ?, ?)"
SQL_DC_UNDONE = "SELECT undo_id FROM import_undo WHERE import_id = ?"
# the log with what each entry undid or was undone by, and whether it can be undone now
SQL_DC_IMPORT_LOG = """
SELECT l.id, l.logged_at, l.actor, l.file, l.sha256, l.kind, l.rows, l.inserted, l.updated,
       l.unchanged, l.status, l.problems,
       u.undo_id AS undone_by_id, u.undone_at, u.undone_by,
       r.import_id AS undoes_id, r.restored AS undo_restored, r.removed AS undo_removed,
       u.import_id IS NULL AND (
           (l.status = 'ok' AND EXISTS (SELECT 1 FROM undo_snapshot s WHERE s.import_id = l.id))
           OR EXISTS (SELECT 1 FROM target t WHERE t.import_id = l.id AND t.active)
           OR EXISTS (SELECT 1 FROM measure m WHERE m.import_id = l.id AND NOT m.archived)
       ) AS undoable
FROM import_log l
LEFT JOIN import_undo u ON u.import_id = l.id
LEFT JOIN import_undo r ON r.undo_id = l.id
ORDER BY l.id DESC LIMIT ?
"""
# changes with every import, undo and catalogue change: the key of the app's data caches
SQL_DC_DATA_VERSION = """
SELECT coalesce((SELECT value FROM meta WHERE key = 'observation_version'), '0') || ':'
       || coalesce((SELECT max(id) FROM import_log), 0)::VARCHAR
"""
SQL_DC_GEOMETRY_LAYER_COUNT = "SELECT count(*) FROM area_geometry WHERE layer = ?"
# targets and measures an import added: undone by retiring / archiving them (history stays)
SQL_DC_TARGETS_OF_IMPORT = """
SELECT count(*) FILTER (WHERE active), count(*) FILTER (WHERE NOT active)
FROM target WHERE import_id = ?
"""
SQL_DC_TARGETS_RETIRE = """
UPDATE target SET active = false, retired_at = ?, retired_by = ?, retire_reason = ?,
    version = version + 1
WHERE import_id = ? AND active
"""
SQL_DC_MEASURES_OF_IMPORT = """
SELECT id, archived, version FROM measure WHERE import_id = ? ORDER BY id
"""
SQL_DC_MEASURE_ARCHIVE = """
UPDATE measure SET archived = true, version = version + 1, updated_at = ? WHERE id = ?
"""
# --- restore checks: the catalogue of a database, never its data (issue 20) -------------------
SQL_SCHEMA_ITEMS = {
    "table": "SELECT schema_name, table_name FROM duckdb_tables() "
    "WHERE database_name = current_database()",
    "column": "SELECT c.table_name, c.column_name, c.data_type, c.is_nullable, "
    "coalesce(c.column_default, '') FROM duckdb_columns() c JOIN duckdb_tables() t "
    "ON c.table_oid = t.table_oid WHERE c.database_name = current_database()",
    "constraint": "SELECT table_name, constraint_type, constraint_text, "
    "array_to_string(constraint_column_names, ',') FROM duckdb_constraints() "
    "WHERE database_name = current_database()",
    "view": "SELECT schema_name, view_name FROM duckdb_views() "
    "WHERE NOT internal AND database_name = current_database()",
    "macro": "SELECT DISTINCT schema_name, function_name FROM duckdb_functions() "
    "WHERE NOT internal AND database_name = current_database()",
    "sequence": "SELECT schema_name, sequence_name FROM duckdb_sequences() "
    "WHERE database_name = current_database()",
    "index": "SELECT schema_name, index_name FROM duckdb_indexes() "
    "WHERE database_name = current_database()",
    "type": "SELECT schema_name, type_name FROM duckdb_types() "
    "WHERE NOT internal AND database_name = current_database()",
    "schema": "SELECT schema_name, schema_name FROM duckdb_schemas() "
    "WHERE NOT internal AND database_name = current_database()",
}
SQL_BACKUP_ACCOUNTS = "SELECT username, role, disabled FROM app_user ORDER BY username"
SQL_BACKUP_PROTOCOLS = "SELECT count(*) FROM review_protocol"
SQL_RELEASED_CLEAR = ["DELETE FROM released_indicator", "DELETE FROM released_observation"]
SQL_CURRENT_SETTING = "SELECT current_setting(?)"
