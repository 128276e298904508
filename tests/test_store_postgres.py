"""PostgreSQL and DuckDB give the same numbers, and PostgreSQL's concurrency keeps the rules.

The store tests run on both backends (tests/test_store.py); these add what only matters with
a shared server: the whole demo dataset and its released (suppressed) values are identical on
both engines, and optimistic locking refuses a stale edit made by another process.
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pandas as pd
import pytest

from dashboard.bootstrap import initialise
from dashboard.catalogues import Catalogue
from dashboard.readmodel import released_observations
from dashboard.store import MeasureConflictError, Store
from tests.conftest import ROOT
from tests.pg_server import fresh_database


@pytest.fixture(scope="module")
def both(
    postgres_url: str, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[tuple[Store, Store]]:
    """The demo dataset built by the real code on DuckDB and on PostgreSQL."""
    duck = Store(tmp_path_factory.mktemp("parity") / "demo.duckdb")
    pg = Store(fresh_database(postgres_url))
    for store in (duck, pg):
        initialise(store, demo=True)
    yield duck, pg
    duck.close()
    pg.close()


def _sorted(frame: pd.DataFrame) -> pd.DataFrame:
    keys = ["indicator_id", "area_code", "period", "grp"]
    return frame.sort_values(keys).reset_index(drop=True)


def test_stored_observations_are_identical(both: tuple[Store, Store], catalogue: Catalogue):
    duck, pg = both
    ids = list(catalogue.indicators["id"])
    a, b = _sorted(duck.observations(ids)), _sorted(pg.observations(ids))
    assert len(a) == len(b) > 20_000
    pd.testing.assert_frame_equal(a, b, check_dtype=False)
    assert duck.summary()["observations"] == pg.summary()["observations"]
    assert duck.summary()["measures"] == pg.summary()["measures"] == 62


def test_released_values_are_identical(both: tuple[Store, Store], catalogue: Catalogue):
    duck, pg = both
    a = _sorted(released_observations(duck, catalogue))
    b = _sorted(released_observations(pg, catalogue))
    assert len(a) == len(b) > 20_000
    pd.testing.assert_frame_equal(a, b, check_dtype=False)
    # served from the stored released values the second time, still the same
    pd.testing.assert_frame_equal(
        _sorted(released_observations(pg, catalogue)), b, check_dtype=False
    )


def test_the_rows_a_profile_reads_are_identical(
    both: tuple[Store, Store], catalogue: Catalogue
) -> None:
    """A district's areas and the shown cross-sections, in release order, and the count."""
    from dashboard.readmodel import released_near_and_shown

    duck, pg = both
    near, shown = ["61", "0", "B6"], {"anteil_mv": 2020, "bevoelkerung": 2018}
    a = released_near_and_shown(duck, catalogue, near, shown)
    b = released_near_and_shown(pg, catalogue, near, shown)
    assert len(a) == len(b) > 500
    pd.testing.assert_frame_equal(a, b, check_dtype=False)  # the same order on both engines
    ids = list(catalogue.indicators["id"])
    assert (
        duck.released_count(ids)
        == pg.released_count(ids)
        == len(released_observations(duck, catalogue))
    )


def test_a_decks_rows_are_identical(both: tuple[Store, Store], catalogue: Catalogue) -> None:
    """The periods with a released value and the rows a deck reads, on both engines."""
    from dashboard.readmodel import StoreRelease
    from dashboard.reports.deck import default_deck
    from dashboard.reports.deck_scope import deck_values

    duck, pg = both
    assert StoreRelease(duck, catalogue).periods() == StoreRelease(pg, catalogue).periods()
    spec = default_deck(catalogue)
    a = deck_values(StoreRelease(duck, catalogue), catalogue, duck.targets(), spec)
    b = deck_values(StoreRelease(pg, catalogue), catalogue, pg.targets(), spec)
    assert len(a) == len(b) > 1000
    pd.testing.assert_frame_equal(a, b, check_dtype=False)


def test_stored_assessments_are_identical(both: tuple[Store, Store]) -> None:
    """init stored the goal pages' assessments on both engines; read back, they are equal."""
    from dashboard.imports import store_catalogue
    from dashboard.services import goal_assessments as ga

    def not_stored(*_args: object) -> pd.DataFrame:
        raise AssertionError("init did not store the assessments")

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(ga, "assess_items", not_stored)
        for implicit in (True, False):
            a, b = (
                ga.table(s, store_catalogue(s), s.targets(), "destatis", implicit) for s in both
            )
            assert len(a) == len(b) > 20
            pd.testing.assert_frame_equal(a, b)


EDITOR = """
import sys
from dashboard.store import Store
store = Store(sys.argv[1])
print(store.update_measure(int(sys.argv[2]), int(sys.argv[3]), {"progress": 77}, "other"))
"""


def test_stale_edit_from_another_process_is_refused(postgres_url: str) -> None:
    url = fresh_database(postgres_url)
    store = Store(url)
    store.migrate()
    mid = store.create_measure({"title": "Sprachcafé", "status": "laufend", "progress": 0}, "ada")
    mine = store.measure(mid)
    assert mine is not None and mine["version"] == 1
    other = subprocess.run(
        [sys.executable, "-c", EDITOR, url, str(mid), "1"], cwd=ROOT, capture_output=True,
        text=True, timeout=120, env={**os.environ, "PYTHONPATH": str(ROOT)},
    )  # fmt: skip
    assert other.returncode == 0, other.stderr
    assert other.stdout.strip() == "2"
    with pytest.raises(MeasureConflictError) as refused:
        store.update_measure(mid, 1, {"progress": 10}, "ada")
    assert refused.value.current["progress"] == 77  # the other process's save is kept
    assert store.measure(mid)["progress"] == 77
    store.close()


def test_cli_imports_into_postgresql(postgres_url: str, tmp_path: Path) -> None:
    url = fresh_database(postgres_url)
    env = {**os.environ, "LEITBILD_DB": url}
    run = {"cwd": ROOT, "env": env, "capture_output": True, "text": True, "timeout": 300}
    init = subprocess.run([sys.executable, "-m", "dashboard", "init", "--no-demo"], **run)
    assert init.returncode == 0, init.stderr
    good = ROOT / "tests" / "assets" / "observations_good.csv"
    first = subprocess.run([sys.executable, "-m", "dashboard", "import", "observations",
                            str(good), "--by", "t"], **run)  # fmt: skip
    assert first.returncode == 0, first.stderr
    again = subprocess.run([sys.executable, "-m", "dashboard", "import", "observations",
                            str(good), "--by", "t"], **run)  # fmt: skip
    assert "unverändert" in again.stdout
    store = Store(url)
    assert store.summary()["observations"] > 0
    assert store.import_log()["status"].tolist()[:2] == ["unverändert", "ok"]
    store.close()


def test_translation_binds_parameters_and_keeps_literals() -> None:
    from dashboard.store.postgres import translate

    sql = translate("SELECT '?%' AS q FROM meta WHERE key LIKE 'a%' AND value = ?")
    assert sql == "SELECT '?%%' AS q FROM meta WHERE key LIKE 'a%%' AND value = %s"
    upsert = translate("INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)")
    assert upsert.endswith("ON CONFLICT (key) DO UPDATE SET value = excluded.value")
    assert "pg_advisory_xact_lock" in translate("BEGIN TRANSACTION")
