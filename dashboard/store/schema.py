"""Named, ordered, re-runnable schema migrations (applied by the store, recorded in a table).

Each migration is one file ``migrations/NNN_name.sql``; its name (the file name without
``.sql``) is what the table ``schema_migration`` records, so a migration never runs twice on
one database. Each is idempotent on its own (``IF NOT EXISTS``). Never edit a released
migration: add a new file with the next number. Foreign keys are checked by the importers
instead of DuckDB, because DuckDB refuses updates of referenced rows inside one transaction.
"""

from __future__ import annotations

import re
from pathlib import Path

import duckdb

from dashboard.store.db import Database

MIGRATION_DIR = Path(__file__).parent / "migrations"
_MIGRATION_FILE = re.compile(r"^(\d{3})_[a-z0-9_]+\.sql$")

CREATE_MIGRATION_TABLE = """
CREATE TABLE IF NOT EXISTS schema_migration (
    name VARCHAR PRIMARY KEY,
    applied_at TIMESTAMP NOT NULL DEFAULT current_timestamp
)
"""
SQL_APPLIED_MIGRATIONS = "SELECT name FROM schema_migration ORDER BY name"
SQL_RECORD_MIGRATION = "INSERT INTO schema_migration (name) VALUES (?)"


def load_migrations(folder: Path = MIGRATION_DIR) -> list[tuple[str, str]]:
    """(name, SQL) of every migration file, in number order; refuses gaps and stray files."""
    files = sorted(folder.glob("*.sql"))
    migrations: list[tuple[str, str]] = []
    for number, path in enumerate(files, start=1):
        match = _MIGRATION_FILE.match(path.name)
        # a gap or a misnamed file would silently change which migrations a database gets
        if match is None or int(match.group(1)) != number:
            raise RuntimeError(f"migration {path.name}: expected number {number:03d}_name.sql")
        migrations.append((path.stem, path.read_text(encoding="utf-8")))
    return migrations


MIGRATIONS: list[tuple[str, str]] = load_migrations()


class SchemaRepository(Database):
    """Applies and lists migrations."""

    def applied_migrations(self) -> list[str]:
        """Names of the migrations recorded in this database."""
        with self.cursor() as cur:
            cur.execute(CREATE_MIGRATION_TABLE)
            return [r[0] for r in cur.execute(SQL_APPLIED_MIGRATIONS).fetchall()]

    def migrate(self) -> list[str]:
        """Apply the pending migrations in order; returns the names applied now."""
        done = set(self.applied_migrations())
        applied: list[str] = []
        for name, sql in MIGRATIONS:
            if name in done:
                continue

            def apply(cur: duckdb.DuckDBPyConnection, name: str = name, sql: str = sql) -> None:
                cur.execute(sql)
                cur.execute(SQL_RECORD_MIGRATION, [name])

            self.transaction(apply)
            applied.append(name)
        return applied
