"""The store's layout (issue 14): SQL only in dashboard/store/, one repository per aggregate
composed into ``Store``, migrations as numbered SQL files without gaps."""

from __future__ import annotations

import ast
import importlib
import inspect
import re
from pathlib import Path

import pytest

from dashboard.store import Store
from dashboard.store import schema as store_schema
from dashboard.store.db import Database
from dashboard.store.notes import NoteRepository
from dashboard.store.short_links import ShortLinkRepository
from tests.conftest import ROOT

STORE = ROOT / "dashboard" / "store"
# modules of the package that are infrastructure, not the repository of an aggregate
INFRASTRUCTURE = {"__init__", "db", "postgres", "schema"}
# a repository over a Store object rather than a part of it (the services hold one per store)
WRAPPERS = {"notes": NoteRepository, "short_links": ShortLinkRepository}

# A statement, not prose: the keyword followed by what only SQL puts after it.
SQL = re.compile(
    r"\b(?:SELECT\s+(?:DISTINCT\s+)?(?:\*|[\w.]+(?:\s*,|\s+FROM\b|\s+AS\b|\())"
    r"|INSERT\s+(?:OR\s+\w+\s+)?INTO\s+\w+"
    r"|UPDATE\s+\w+\s+SET\b"
    r"|DELETE\s+FROM\s+\w+"
    r"|CREATE\s+(?:OR\s+REPLACE\s+)?(?:TEMP\s+|TEMPORARY\s+)?(?:TABLE|VIEW|INDEX|SEQUENCE)\b)",
)


def _strings(path: Path) -> list[tuple[int, str]]:
    """String literals of a module with their line (docstrings included: they hold no SQL)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            found.append((node.lineno, node.value))
        elif isinstance(node, ast.JoinedStr):
            text = "".join(v.value if isinstance(v, ast.Constant) else "x" for v in node.values)
            found.append((node.lineno, text))
    return found


def _python_files() -> list[Path]:
    roots = [ROOT / "dashboard", ROOT / "pages", ROOT / "bench"]
    files = [p for root in roots if root.exists() for p in root.rglob("*.py")]
    return sorted(p for p in files if ".venv" not in p.parts)


def test_sql_detector_finds_statements_and_ignores_prose() -> None:
    assert SQL.search("SELECT code, parent_code FROM area")
    assert SQL.search("INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)")
    assert SQL.search("UPDATE app_user SET role = ? WHERE username = ?")
    assert SQL.search("DELETE FROM deck WHERE name = ?")
    assert SQL.search("CREATE TABLE IF NOT EXISTS area (code VARCHAR)")
    assert SQL.search("SELECT count(*) FROM group_label")
    assert not SQL.search("Select the areas to compare")
    assert not SQL.search("Bitte eine Datei auswählen und dann hochladen")
    assert not SQL.search("delete from the list what you do not need")


def test_sql_appears_only_in_the_store_package() -> None:
    outside = [
        f"{path.relative_to(ROOT)}:{line}: {text.strip()[:60]!r}"
        for path in _python_files()
        if STORE not in path.parents
        for line, text in _strings(path)
        if SQL.search(text)
    ]
    assert not outside, "SQL outside dashboard/store/:\n" + "\n".join(outside)


def test_the_store_package_holds_its_sql() -> None:
    # the detector must see the SQL where it belongs, or the test above proves nothing
    with_sql = {
        path.stem
        for path in STORE.glob("*.py")
        if any(SQL.search(text) for _line, text in _strings(path))
    }
    assert {"observations", "measures", "accounts", "schema", "notes"} <= with_sql


def _repository_modules() -> list[str]:
    return sorted(p.stem for p in STORE.glob("*.py") if p.stem not in INFRASTRUCTURE)


def test_every_repository_module_is_part_of_store() -> None:
    bases = set(Store.__mro__)
    missing = []
    for name in _repository_modules():
        module = importlib.import_module(f"dashboard.store.{name}")
        classes = [
            obj
            for obj in vars(module).values()
            if inspect.isclass(obj) and obj.__module__ == module.__name__
        ]
        repositories = [c for c in classes if issubclass(c, Database)]
        if name in WRAPPERS:
            assert WRAPPERS[name] in classes
            assert "store" in inspect.signature(WRAPPERS[name]).parameters
        elif not repositories or not all(c in bases for c in repositories):
            missing.append(name)
    assert not missing, f"repository modules not composed into Store: {missing}"
    assert len(_repository_modules()) >= 12


def test_migrations_are_numbered_files_in_order_without_gaps() -> None:
    files = sorted((STORE / "migrations").glob("*.sql"))
    numbers = [int(p.name[:3]) for p in files]
    assert numbers == list(range(1, len(files) + 1))
    assert all(re.fullmatch(r"\d{3}_[a-z0-9_]+\.sql", p.name) for p in files)
    assert [name for name, _sql in store_schema.MIGRATIONS] == [p.stem for p in files]
    # the names existing databases recorded stay the same
    assert store_schema.MIGRATIONS[0][0] == "001_catalogues"
    assert store_schema.MIGRATIONS[12][0] == "013_additive_sets"


def test_a_gap_in_the_migrations_is_refused(tmp_path: Path) -> None:
    (tmp_path / "001_first.sql").write_text("CREATE TABLE IF NOT EXISTS a (x INTEGER);")
    (tmp_path / "003_third.sql").write_text("CREATE TABLE IF NOT EXISTS b (x INTEGER);")
    with pytest.raises(RuntimeError, match=r"003_third\.sql"):
        store_schema.load_migrations(tmp_path)
