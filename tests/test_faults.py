"""kill -9 during an import and during a measures import: the database opens, all or nothing.

tests/test_measure_concurrency.py already kills a process in a loop of single measure saves;
this module kills the real CLI import path (`python -m dashboard import …`) while it writes a
large observations file and a large measures file, at several moments, and checks after each
kill that the file opens, the import is entirely there or entirely absent, the import log
agrees, and no measure event is orphaned.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import pytest

from dashboard.bootstrap import load_catalogues_into
from dashboard.store import Store
from tests.browser import ARTIFACTS
from tests.conftest import ROOT

# count indicators held for every Stadtteil: many distinct keys for a large file
INDICATORS = ("bevoelkerung", "bevoelkerung_mv", "bevoelkerung_auslaender", "kinder_u18",
              "kinder_u18_mv", "mso_aktiv", "stadtteil_netzwerktreffen")  # fmt: skip
PERIODS = range(1960, 2060)
# (moment, delay): before writing, inside the write at several depths, and a complete run
KILLS = (("start", 0.5), ("write", 0.0), ("write", 0.05), ("write", 0.3), ("finish", 0.0))
OUTCOMES: Counter[str] = Counter()


@pytest.fixture(scope="module", autouse=True)
def _report() -> Iterator[None]:
    yield
    ARTIFACTS.mkdir(exist_ok=True)
    (ARTIFACTS / "fault_outcomes.json").write_text(json.dumps(dict(OUTCOMES), indent=2))
    print(f"\nkill -9 outcomes: {dict(OUTCOMES)}")


def _fresh(path: Path) -> None:
    store = Store(path)
    store.migrate()
    load_catalogues_into(store)
    store.close()


def _observations_file(path: Path, codes: list[str]) -> int:
    lines = ["indicator;area;period;value;source"]
    lines += [
        f"{ind};{code};{period};{(hash((ind, code, period)) % 5000) + 3};Last"
        for ind in INDICATORS
        for code in codes
        for period in PERIODS
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return len(lines) - 1


def _measures_file(path: Path, n: int) -> int:
    lines = ["title;fields;areas;organisation;status;progress"]
    lines += [f"Maßnahme {i};8.2;61, 91;Träger {i % 7};laufend;{i % 90}" for i in range(n)]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return n


def _writing(db: Path, size_before: int) -> bool:
    wal = db.with_name(db.name + ".wal")
    return (wal.exists() and wal.stat().st_size > 0) or db.stat().st_size != size_before


def _kill_cli(db: Path, args: list[str], moment: str, delay: float) -> str:
    """Run the real CLI import and SIGKILL it at a moment; 'finish' lets it complete.

    'start': ``delay`` seconds after the process started (usually still validating);
    'write': ``delay`` seconds after the database files began to change (inside the write).
    """
    env = {**os.environ, "LEITBILD_DB": str(db), "PYTHONPATH": str(ROOT)}
    size_before = db.stat().st_size
    proc = subprocess.Popen(
        [sys.executable, "-m", "dashboard", "import", *args, "--by", "fault"],
        cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
    )  # fmt: skip
    if moment == "finish":
        proc.wait(timeout=300)
    elif moment == "write":
        while proc.poll() is None and not _writing(db, size_before):
            time.sleep(0.002)
        time.sleep(delay)
    else:
        time.sleep(delay)
    if proc.poll() is None:
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait(timeout=30)
        return f"killed at {moment}+{delay:g}s"
    assert proc.returncode == 0, proc.stderr.read() if proc.stderr else ""
    return "finished"


def test_kill_during_observation_import(tmp_path: Path) -> None:
    db = tmp_path / "obs.duckdb"
    _fresh(db)
    store = Store(db)
    codes = store.catalogue("area").query("level == 'stadtteil'")["code"].tolist()
    store.close()
    rows = _observations_file(tmp_path / "gross.csv", codes)
    assert rows > 30_000
    for moment, delay in KILLS:
        fate = _kill_cli(db, ["observations", str(tmp_path / "gross.csv")], moment, delay)
        store = Store(db)  # must open (the write-ahead log is replayed or dropped)
        try:
            count = store.fingerprint()["observation"][0]
            log = store.import_log()
            ok = log[log["status"] == "ok"] if not log.empty else log
            assert count in (0, rows), f"partial import: {count} of {rows}"
            assert (count == rows) == (len(ok) == 1), "import log and data disagree"
            if count == rows:
                assert int(ok["rows"].iloc[0]) == rows
            OUTCOMES[f"observations {fate}: {'all' if count else 'nothing'}"] += 1
            if count and moment != "finish":
                break  # the import got through before the kill: later kills test nothing new
        finally:
            store.close()


def test_kill_during_measures_import(tmp_path: Path) -> None:
    db = tmp_path / "msr.duckdb"
    _fresh(db)
    n = _measures_file(tmp_path / "massnahmen.csv", 400)
    for moment, delay in KILLS:
        fate = _kill_cli(db, ["measures", str(tmp_path / "massnahmen.csv")], moment, delay)
        store = Store(db)
        try:
            measures = store.measures(include_archived=True)
            events = store.measure_events()
            assert len(measures) in (0, n), f"partial import: {len(measures)} of {n}"
            assert set(events["measure_id"]) <= set(measures["id"]), "orphaned events"
            assert set(events["measure_id"]) == set(measures["id"]), "measure without event"
            assert (measures["version"] == 1).all()
            log = store.import_log()
            ok = log[log["status"] == "ok"] if not log.empty else log
            assert (len(measures) == n) == (len(ok) == 1)
            OUTCOMES[f"measures {fate}: {'all' if len(measures) else 'nothing'}"] += 1
            if len(measures) and moment != "finish":
                break
        finally:
            store.close()


SAVER = """
import sys, time
from dashboard.store import Store
store = Store(sys.argv[1])
mid = int(sys.argv[2])
while True:
    m = store.measure(mid)
    v = store.update_measure(mid, m["version"], {"progress": (m["progress"] + 1) % 100,
                             "areas": ["61"] if m["version"] % 2 else ["91", "61"]}, "saver")
    print(v, flush=True)
"""


def test_kill_during_measure_saves_at_several_moments(tmp_path: Path) -> None:
    """Unlike the concurrency test (killed after N acks), kill at fixed wall-clock moments."""
    db = tmp_path / "save.duckdb"
    _fresh(db)
    store = Store(db)
    mid = store.create_measure(
        {"title": "S", "status": "laufend", "fields": ["8.2"], "areas": [], "goals": [],
         "progress": 0}, "setup",
    )  # fmt: skip
    store.close()
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    for after in (0.5, 1.2, 2.0):
        proc = subprocess.Popen(
            [sys.executable, "-c", SAVER, str(db), str(mid)],
            cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        )  # fmt: skip
        time.sleep(after)
        os.kill(proc.pid, signal.SIGKILL)
        out, _ = proc.communicate(timeout=30)
        acked = [int(x) for x in out.split()]
        store = Store(db)
        try:
            m = store.measure(mid)
            events = store.measure_events(mid)
            assert m["version"] == len(events), "version and events disagree"  # 'angelegt' = v1
            assert not acked or m["version"] >= acked[-1], "an acknowledged save is lost"
            assert m["areas"] in (["61"], ["61", "91"], [])
            OUTCOMES["measure saves killed"] += 1
        finally:
            store.close()
