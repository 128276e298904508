"""Shared fixtures: real-data location, catalogues, and fresh databases built by the real code."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from dashboard.bootstrap import initialise, load_catalogues_into
from dashboard.catalogues import Catalogue, load_catalogues
from dashboard.store import Store

ROOT = Path(__file__).resolve().parents[1]
ASSETS = Path(__file__).resolve().parent / "assets"
SHARED = ROOT.parent / "shared"
MUENSTER = SHARED / "muenster"


def require_shared() -> Path:
    """The real Münster data; skipped when absent, but a failure under CI=true."""
    if not (MUENSTER / "stats").is_dir():
        message = f"real Münster data not found at {MUENSTER}"
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(message + " (required under CI=true)")
        pytest.skip(message)
    return MUENSTER


@pytest.fixture
def muenster() -> Path:
    """Path of ../shared/muenster (see require_shared)."""
    return require_shared()


@pytest.fixture(scope="session")
def catalogue() -> Catalogue:
    """The project's validated catalogues."""
    return load_catalogues()


@pytest.fixture
def empty_store(tmp_path: Path) -> Iterator[Store]:
    """A migrated database with the catalogues but no data."""
    store = Store(tmp_path / "empty.duckdb")
    store.migrate()
    load_catalogues_into(store)
    yield store
    store.close()


@pytest.fixture(scope="session")
def demo_db_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A database file built once per session by `initialise` (catalogues, tiles, demo)."""
    path = tmp_path_factory.mktemp("template") / "demo.duckdb"
    store = Store(path)
    initialise(store, demo=True)
    store.close()
    return path


@pytest.fixture
def demo_db(demo_db_template: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A private copy of the demo database, also set as LEITBILD_DB."""
    path = tmp_path / "demo.duckdb"
    shutil.copy(demo_db_template, path)
    monkeypatch.setenv("LEITBILD_DB", str(path))
    return path


@pytest.fixture
def demo_store(demo_db: Path) -> Iterator[Store]:
    """A Store on a private copy of the demo database."""
    store = Store(demo_db)
    yield store
    store.close()


@pytest.fixture(scope="session")
def real_db_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real 2010–2014 SMS tables and official shapes, imported once by the real CLI."""
    from tests.karte_data import build_real_db

    path = tmp_path_factory.mktemp("real") / "real.duckdb"
    return build_real_db(path, ("stadtteile.geojson", "teilbereiche_stadtbezirke.geojson"))


def copy_db(template: Path, folder: Path) -> Path:
    """A private copy of a template database in folder (for module-scoped fixtures)."""
    path = folder / template.name
    shutil.copy(template, path)
    return path


@pytest.fixture
def real_db(real_db_template: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A private copy of the real-data database, also set as LEITBILD_DB."""
    path = copy_db(real_db_template, tmp_path)
    monkeypatch.setenv("LEITBILD_DB", str(path))
    return path


@pytest.fixture
def fresh_caches() -> Iterator[None]:
    """Streamlit caches survive between AppTest runs in one process: start and end clean."""
    import streamlit as st

    st.cache_data.clear()
    st.cache_resource.clear()
    yield
    st.cache_data.clear()
    st.cache_resource.clear()


@pytest.fixture(scope="session")
def postgres_url() -> Iterator[str]:
    """A throwaway PostgreSQL server for the session (tests/pg_server.py); its admin URL."""
    import tempfile

    from tests.pg_server import postgres_server

    # not under pytest's temp root: that is private to root, the server runs as postgres
    with (
        tempfile.TemporaryDirectory(prefix="leitbild-pg-") as folder,
        postgres_server(Path(folder)) as url,
    ):
        yield url


@pytest.fixture(scope="session")
def bundle_db_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Every official table and shape of ../shared/muenster (`init --no-demo`, `import bundle`)."""
    from dashboard.cli import main

    muenster = require_shared()
    path = tmp_path_factory.mktemp("bundle") / "bundle.duckdb"
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("LEITBILD_DB", str(path))
        assert main(["init", "--no-demo"]) == 0
        assert main(["import", "bundle", str(muenster), "--by", "test"]) == 0
    return path


@pytest.fixture
def bundle_db(bundle_db_template: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A private copy of the bundle database, also set as LEITBILD_DB."""
    path = copy_db(bundle_db_template, tmp_path)
    monkeypatch.setenv("LEITBILD_DB", str(path))
    return path
