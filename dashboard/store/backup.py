"""Backup and restore checks (issues 7 and 20): copies, and foreign files read safely."""

from __future__ import annotations

import shutil
from pathlib import Path

import duckdb

from dashboard.errors import LeitbildError
from dashboard.store.db import UNTRUSTED_CONFIG, Database, one_row
from dashboard.store.overview import SQL_FINGERPRINT, SQL_SUMMARY
from dashboard.store.schema import CREATE_MIGRATION_TABLE, MIGRATIONS, SQL_APPLIED_MIGRATIONS

SQL_CHECKPOINT = "CHECKPOINT"
SQL_HAS_MIGRATION_TABLE = """
SELECT count(*) FROM information_schema.tables WHERE table_name = 'schema_migration'
"""
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
SQL_CURRENT_SETTING = "SELECT current_setting(?)"


def open_untrusted(path: Path) -> duckdb.DuckDBPyConnection:
    """A read-only connection to a foreign file that can reach no other file or extension."""
    try:
        return duckdb.connect(str(path), read_only=True, config=dict(UNTRUSTED_CONFIG))
    except duckdb.Error as exc:
        first = str(exc).splitlines()[0].replace(str(path), path.name)
        raise LeitbildError(f"{path.name} lässt sich nicht öffnen: {first}") from exc


def schema_items(con: duckdb.DuckDBPyConnection) -> dict[str, set[tuple[str, ...]]]:
    """Tables, columns, constraints, views … of an open connection, as comparable sets."""
    return {
        kind: {tuple(str(v) for v in row) for row in con.execute(sql).fetchall()}
        for kind, sql in SQL_SCHEMA_ITEMS.items()
    }


class BackupRepository(Database):
    """Copies the database and inspects backup files without trusting them."""

    def copy_to(self, target: Path) -> None:
        """Checkpoint and copy the database file while the write lock holds every writer back."""
        # DuckDB lets only this process open the file, and all its writes take this lock: after
        # the checkpoint the file alone (without WAL) is the complete, consistent database
        if not isinstance(self.path, Path):
            raise LeitbildError("Eine PostgreSQL-Datenbank wird mit pg_dump gesichert.")
        with self._write_lock, self.cursor() as cur:
            cur.execute(SQL_CHECKPOINT)
            shutil.copyfile(self.path, target)

    @staticmethod
    def inspect_file(path: Path) -> tuple[list[str], dict[str, tuple[int, int]]]:
        """Migrations and fingerprint of a database file opened read-only; errors if foreign."""
        with path.open("rb") as handle:
            header = handle.read(16)
        if header[8:12] != b"DUCK":
            raise LeitbildError(f"{path.name} ist keine DuckDB-Datenbank.")
        con = open_untrusted(path)
        try:
            if one_row(con.execute(SQL_HAS_MIGRATION_TABLE))[0] == 0:
                raise LeitbildError(f"{path.name} ist keine Datenbank des Leitbild-Monitors.")
            names = [r[0] for r in con.execute(SQL_APPLIED_MIGRATIONS).fetchall()]
            prints = {}
            for table, sql in SQL_FINGERPRINT.items():
                try:
                    prints[table] = tuple(one_row(con.execute(sql)))
                except duckdb.CatalogException:
                    continue  # an older backup without this table: migrate() adds it
            return names, prints
        finally:
            con.close()

    @staticmethod
    def file_schema(path: Path) -> dict[str, set[tuple[str, ...]]]:
        """Tables, columns, constraints, views, macros, … of a database file (no data read)."""
        con = open_untrusted(path)
        try:
            return schema_items(con)
        finally:
            con.close()

    @staticmethod
    def reference_schema(migrations: list[str]) -> dict[str, set[tuple[str, ...]]]:
        """The schema these migrations create, built in memory from the code's migrations."""
        con = duckdb.connect(":memory:", config=dict(UNTRUSTED_CONFIG))
        try:
            con.execute(CREATE_MIGRATION_TABLE)
            for name, sql in MIGRATIONS:
                if name in migrations:
                    con.execute(sql)
            return schema_items(con)
        finally:
            con.close()

    @staticmethod
    def file_migrations(path: Path) -> list[str]:
        """The migrations recorded in a database file (call after its schema was checked)."""
        con = open_untrusted(path)
        try:
            return [r[0] for r in con.execute(SQL_APPLIED_MIGRATIONS).fetchall()]
        finally:
            con.close()

    @staticmethod
    def file_summary(path: Path) -> dict[str, object]:
        """Accounts and counts of a database file, to confirm a restore (schema checked first)."""
        con = open_untrusted(path)
        try:
            cur = con.execute(SQL_SUMMARY)
            names = [d[0] for d in cur.description]
            summary = dict(zip(names, cur.fetchone(), strict=True))
            summary["protocols"] = con.execute(SQL_BACKUP_PROTOCOLS).fetchone()[0]
            summary["accounts"] = con.execute(SQL_BACKUP_ACCOUNTS).fetchall()
            return summary
        finally:
            con.close()

    def setting(self, name: str) -> object:
        """The value of a DuckDB setting on this store's connection."""
        with self.cursor() as cur:
            return cur.execute(SQL_CURRENT_SETTING, [name]).fetchone()[0]
