"""The store: migrations, transactions, upserts, lock handling, fingerprints."""

from __future__ import annotations

import json
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import duckdb
import pandas as pd
import pytest

from dashboard.bootstrap import load_catalogues_into
from dashboard.errors import StoreLockedError
from dashboard.store import OBSERVATION_COLUMNS, ImportLogEntry, Store
from dashboard.store.schema import MIGRATIONS
from tests.pg_server import fresh_database


@pytest.fixture(params=["duckdb", "postgresql"])
def database(request: pytest.FixtureRequest, tmp_path: Path) -> Path | str:
    """An empty database on each backend: a DuckDB file, or a new PostgreSQL database."""
    if request.param == "duckdb":
        return tmp_path / "empty.duckdb"
    return fresh_database(request.getfixturevalue("postgres_url"))


@pytest.fixture
def empty_store(database: Path | str) -> Iterator[Store]:
    """The conftest fixture of the same name, on both backends (migrated, catalogues loaded)."""
    store = Store(database)
    store.migrate()
    load_catalogues_into(store)
    yield store
    store.close()


def _obs(rows: list[tuple]) -> pd.DataFrame:
    frame = pd.DataFrame(rows, columns=OBSERVATION_COLUMNS)
    return frame.assign(is_demo=False)


def _entry(name: str = "x.csv") -> ImportLogEntry:
    return ImportLogEntry(by="test", file=name, sha256="0" * 64, kind="observations", rows=1)


def test_migrations_are_recorded_in_order_and_rerunnable(database: Path | str) -> None:
    store = Store(database)
    assert store.migrate() == [name for name, _ in MIGRATIONS]
    assert store.migrate() == []
    assert store.applied_migrations() == sorted(name for name, _ in MIGRATIONS)
    store.close()


def test_migration_sql_is_idempotent_on_its_own(tmp_path: Path) -> None:
    """Every migration can run twice (IF NOT EXISTS), e.g. after a crash before recording."""
    con = duckdb.connect(str(tmp_path / "raw.duckdb"))
    for _name, sql in MIGRATIONS:
        con.execute(sql)
        con.execute(sql)
    con.close()


def test_upsert_counts_new_changed_unchanged(empty_store: Store) -> None:
    first = empty_store.write_observations(
        _obs([("bevoelkerung", "61", 2014, "insgesamt", 10555.0, None, None, None, "a")]),
        _entry(),
    )
    assert (first.inserted, first.updated, first.unchanged, first.status) == (1, 0, 0, "ok")
    again = empty_store.write_observations(
        _obs([("bevoelkerung", "61", 2014, "insgesamt", 10555.0, None, None, None, "a"),
              ("bevoelkerung", "91", 2014, "insgesamt", 5640.0, None, None, None, "a")]),
        _entry(),
    )  # fmt: skip
    assert (again.inserted, again.updated, again.unchanged) == (1, 0, 1)
    changed = empty_store.write_observations(
        _obs([("bevoelkerung", "61", 2014, "insgesamt", 10556.0, None, None, "corrected", "a")]),
        _entry(),
    )
    assert (changed.inserted, changed.updated, changed.unchanged) == (0, 1, 0)
    stored = empty_store.observations(["bevoelkerung"], ["61"])
    assert stored["value"].tolist() == [10556.0] and stored["flag"].tolist() == ["corrected"]


def test_failed_transaction_changes_nothing(empty_store: Store) -> None:
    before = empty_store.fingerprint()

    def work(cur: duckdb.DuckDBPyConnection) -> None:
        cur.execute("INSERT INTO meta VALUES ('k', 'v')")
        raise RuntimeError("boom")

    with pytest.raises(RuntimeError):
        empty_store.transaction(work)
    assert empty_store.fingerprint() == before
    assert empty_store.meta("k") is None


def test_fingerprint_sees_changes(empty_store: Store) -> None:
    before = empty_store.fingerprint()
    empty_store.set_meta("k", "v")
    assert empty_store.fingerprint() != before


def test_rejected_import_only_touches_the_log(empty_store: Store) -> None:
    before = empty_store.fingerprint()
    empty_store.log_rejected(_entry("bad.csv"))
    assert empty_store.fingerprint() == before
    log = empty_store.import_log()
    assert log.loc[0, "status"] == "abgelehnt" and log.loc[0, "file"] == "bad.csv"


def test_concurrent_writers_in_one_process(empty_store: Store) -> None:
    """Threads share one root connection; the write lock serialises them, none is lost."""
    errors: list[BaseException] = []

    def writer(i: int) -> None:
        try:
            for j in range(10):
                empty_store.set_meta(f"t{i}-{j}", str(j))
        except BaseException as exc:  # collect, the assertion below reports it
            errors.append(exc)

    threads = [threading.Thread(target=writer, args=(i,)) for i in range(6)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    with empty_store.cursor() as cur:
        assert cur.execute("SELECT count(*) FROM meta WHERE key LIKE 't%'").fetchone()[0] == 60


def test_second_process_gets_a_clear_lock_error(tmp_path: Path) -> None:
    path = tmp_path / "locked.duckdb"
    store = Store(path)
    store.migrate()
    code = (
        "import sys\n"
        "from dashboard.store import Store\n"
        "from dashboard.errors import StoreLockedError\n"
        "try:\n"
        f"    Store({str(path)!r})\n"
        "except StoreLockedError as e:\n"
        "    print(e.user_message()); sys.exit(3)\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    store.close()
    assert result.returncode == 3, result.stderr
    assert "anderen Prozess" in result.stdout
    assert StoreLockedError.__name__  # the class the CLI reports


def test_summary_of_empty_catalogue_database(empty_store: Store) -> None:
    summary = empty_store.summary()
    assert summary["districts"] == 45 and summary["fields"] == 12
    assert summary["observations"] == 0 and summary["last_import"] is None


TARGET = {
    "indicator_id": "arbeitslose_je100", "area_code": "91", "grp": "insgesamt",
    "type": "absolute", "value": 6.5, "target_period": 2030,
}  # fmt: skip


def test_target_edit_keeps_history(empty_store: Store) -> None:
    tid = empty_store.create_target(TARGET, "anna")
    first = empty_store.target(tid)
    new_id = empty_store.replace_target(
        tid, first["version"], {**TARGET, "value": 6.0}, "ben", "neu"
    )
    assert [t["id"] for t in empty_store.targets().to_dict("records")] == [new_id]
    history = empty_store.target_history(tid)
    assert list(history["id"]) == [tid, new_id]
    assert list(history["value"]) == [6.5, 6.0]
    assert history.loc[0, "retire_reason"] == "neu" and history.loc[0, "retired_by"] == "ben"
    assert list(empty_store.target_history(new_id)["id"]) == [tid, new_id]


def test_target_edit_with_stale_version_is_refused(empty_store: Store) -> None:
    from dashboard.errors import ConflictError, LeitbildError

    tid = empty_store.create_target(TARGET, "anna")
    empty_store.retire_target(tid, 1, "anna", "erledigt")
    with pytest.raises(ConflictError):
        empty_store.replace_target(tid, 1, TARGET, "ben", "zu spät")
    with pytest.raises(LeitbildError):
        empty_store.retire_target(empty_store.create_target(TARGET, "a"), 1, "a", "  ")
    assert len(empty_store.target_history(tid)) == 1


MEASURE = {"title": "Sprachcafé", "status": "geplant", "fields": ["8.2"], "areas": ["61"],
           "goals": [], "progress": 0}  # fmt: skip


def test_measure_update_records_before_and_after(empty_store: Store) -> None:
    mid = empty_store.create_measure(MEASURE, "anna")
    version = empty_store.update_measure(
        mid, 1, {"status": "laufend", "areas": ["61", "91"], "progress": 10}, "ben", "los geht's"
    )
    assert version == 2
    events = empty_store.measure_events(mid)
    assert list(events["kind"]) == ["angelegt", "status"]
    changes = json.loads(events.loc[1, "changes"])
    assert changes == {"status": ["geplant", "laufend"], "areas": [["61"], ["61", "91"]],
                       "progress": [0, 10]}  # fmt: skip
    assert events.loc[1, "actor"] == "ben" and events.loc[1, "comment"] == "los geht's"
    stored = empty_store.measure(mid)
    assert stored["areas"] == ["61", "91"] and stored["version"] == 2


def test_second_save_of_the_same_version_is_a_conflict(empty_store: Store) -> None:
    from dashboard.store import MeasureConflictError

    mid = empty_store.create_measure(MEASURE, "anna")
    empty_store.update_measure(mid, 1, {"title": "Sprachcafé Coerde"}, "anna")
    before = empty_store.fingerprint()
    with pytest.raises(MeasureConflictError) as info:
        empty_store.update_measure(mid, 1, {"title": "Sprachtreff"}, "ben")
    assert info.value.current["title"] == "Sprachcafé Coerde" and info.value.current["version"] == 2
    assert empty_store.fingerprint() == before


def test_unchanged_save_writes_no_event(empty_store: Store) -> None:
    mid = empty_store.create_measure(MEASURE, "anna")
    assert empty_store.update_measure(mid, 1, {"status": "geplant"}, "anna") == 1
    assert len(empty_store.measure_events(mid)) == 1


def test_review_protocol_one_per_date(empty_store: Store) -> None:
    import datetime as dt

    empty_store.save_protocol(dt.date(2026, 11, 24), "# Review\n- a", "anna")
    empty_store.save_protocol(dt.date(2026, 11, 24), "# Review\n- b", "ben")
    protocols = empty_store.protocols()
    assert len(protocols) == 1 and protocols.loc[0, "content"].endswith("- b")
    assert protocols.loc[0, "version"] == 2


def test_unchanged_date_is_no_change(empty_store: Store) -> None:
    import datetime as dt

    mid = empty_store.create_measure({**MEASURE, "planned_start": dt.date(2025, 10, 10)}, "anna")
    assert empty_store.update_measure(mid, 1, {"planned_start": dt.date(2025, 10, 10)}, "b") == 1
    empty_store.update_measure(mid, 1, {"planned_start": dt.date(2025, 10, 11)}, "b")
    changes = json.loads(empty_store.measure_events(mid).iloc[-1]["changes"])
    assert changes == {"planned_start": ["2025-10-10", "2025-10-11"]}


def test_area_parents_match_the_area_catalogue(empty_store: Store) -> None:
    areas = empty_store.catalogue("area")
    expected = dict(zip(areas["code"], areas["parent_code"], strict=True))
    assert empty_store.area_parents() == expected
    assert None in expected.values()  # the city has no parent, and says so as None
