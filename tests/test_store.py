"""The store: migrations, transactions, upserts, lock handling, fingerprints."""

from __future__ import annotations

import subprocess
import sys
import threading
from pathlib import Path

import duckdb
import pandas as pd
import pytest

from dashboard.errors import StoreLockedError
from dashboard.schema import MIGRATIONS
from dashboard.store import OBSERVATION_COLUMNS, ImportLogEntry, Store


def _obs(rows: list[tuple]) -> pd.DataFrame:
    frame = pd.DataFrame(rows, columns=OBSERVATION_COLUMNS)
    return frame.assign(is_demo=False)


def _entry(name: str = "x.csv") -> ImportLogEntry:
    return ImportLogEntry(by="test", file=name, sha256="0" * 64, kind="observations", rows=1)


def test_migrations_are_recorded_in_order_and_rerunnable(tmp_path: Path) -> None:
    store = Store(tmp_path / "m.duckdb")
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
