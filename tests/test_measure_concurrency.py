"""Concurrent measure edits through the store, and a kill -9 in the middle of writing.

Invariant of a measure created through the store: it starts at version 1 with one 'angelegt'
event, and every accepted save raises the version by one and records exactly one event in the
same transaction. So, whatever happened: version == 1 + number of its events after
'angelegt', and the events' before/after values chain up to the stored state. (Measures
imported with a history, like the demo data, start at version 1 with several events; the
invariant is about what the store writes, so these tests create their own measures.)
"""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import threading
import time
from collections import defaultdict
from pathlib import Path

import pandas as pd
import pytest

from dashboard.bootstrap import load_catalogues_into
from dashboard.store import MeasureConflictError, Store
from tests.conftest import ROOT

THREADS = 8
ROUNDS = 25  # saves each thread attempts (the bound; a deadline only guards against hangs)
DEADLINE_S = 60.0
MEASURE = {"title": "M", "status": "laufend", "fields": ["8.2"], "areas": [], "goals": [],
           "progress": 0, "notes": ""}  # fmt: skip


def _tokens(notes: object) -> list[str]:
    return [t for t in str(notes or "").split("|") if t]


def _check_history(store: Store, mid: int) -> pd.DataFrame:
    """Version and event history agree: one event per save, before/after chained."""
    measure = store.measure(mid)
    events = store.measure_events(mid).reset_index(drop=True)
    assert events["kind"].tolist().count("angelegt") == 1 and events["kind"].iloc[0] == "angelegt"
    later = events.iloc[1:]
    assert measure["version"] == 1 + len(later)
    notes = ""
    for changes in later["changes"].map(json.loads):
        if "notes" in changes:
            before, after = changes["notes"]
            assert (before or "") == notes, "an event does not start where the last one ended"
            notes = after or ""
    assert notes == (measure["notes"] or "")
    return later


def test_threads_editing_same_and_different_measures(empty_store: Store) -> None:
    store = empty_store
    ids = [store.create_measure({**MEASURE, "title": f"M{i}"}, "setup") for i in range(3)]
    hot = ids[0]  # half of the threads fight over this one
    accepted: dict[int, list[tuple[int, str]]] = defaultdict(list)  # mid -> (version, token)
    conflicts: list[tuple[int, int]] = []
    unexpected: list[BaseException] = []
    lock = threading.Lock()
    deadline = time.monotonic() + DEADLINE_S

    def worker(n: int) -> None:
        rnd = random.Random(n)
        for i in range(ROUNDS):
            if time.monotonic() > deadline:
                return
            mid = hot if n % 2 == 0 else rnd.choice(ids)
            current = store.measure(mid)
            token = f"t{n}-{i}"
            notes = (current["notes"] or "") + "|" + token
            try:
                version = store.update_measure(
                    mid, current["version"], {"notes": notes, "progress": i % 100}, f"w{n}"
                )
            except MeasureConflictError as err:
                assert err.current["version"] > current["version"]
                with lock:
                    conflicts.append((mid, current["version"]))
                continue
            except BaseException as err:  # anything else is a bug: collect, fail below
                with lock:
                    unexpected.append(err)
                return
            with lock:
                accepted[mid].append((version, token))

    threads = [threading.Thread(target=worker, args=(n,)) for n in range(THREADS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert unexpected == []
    attempts = sum(len(v) for v in accepted.values()) + len(conflicts)
    assert attempts == THREADS * ROUNDS  # every save either landed or was refused as a conflict
    for mid in ids:
        saves = sorted(accepted[mid])
        versions = [v for v, _ in saves]
        assert versions == list(range(2, 2 + len(saves)))  # no version handed out twice
        stored = store.measure(mid)
        # no lost update: every accepted token is in the final notes, in commit order
        assert _tokens(stored["notes"]) == [token for _, token in saves]
        later = _check_history(store, mid)
        assert later["actor"].tolist() == [f"w{token[1:].split('-')[0]}" for _, token in saves]


def test_a_stale_save_is_refused_and_changes_nothing(empty_store: Store) -> None:
    store = empty_store
    mid = store.create_measure(MEASURE, "setup")
    barrier = threading.Barrier(2)
    outcome: dict[str, object] = {}

    def save(name: str) -> None:
        current = store.measure(mid)
        barrier.wait()  # both have read version 1 before either writes
        try:
            outcome[name] = store.update_measure(mid, current["version"], {"notes": name}, name)
        except MeasureConflictError as err:
            outcome[name] = err

    threads = [threading.Thread(target=save, args=(n,)) for n in ("anna", "ben")]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    refused = [n for n, o in outcome.items() if isinstance(o, MeasureConflictError)]
    assert len(refused) == 1
    assert [o for o in outcome.values() if not isinstance(o, MeasureConflictError)] == [2]
    winner = "ben" if refused == ["anna"] else "anna"
    assert store.measure(mid)["notes"] == winner and store.measure(mid)["version"] == 2
    assert outcome[refused[0]].current["notes"] == winner  # the refusal shows their version
    assert len(_check_history(store, mid)) == 1


WRITER = r"""
import random, sys
from dashboard.store import MeasureConflictError, Store

store = Store(sys.argv[1])
rnd = random.Random(int(sys.argv[2]))
measure = {"title": "K", "status": "laufend", "fields": ["8.2"], "areas": ["61"], "goals": [],
           "progress": 0, "notes": ""}
while True:
    ids = store.measures()["id"].tolist()
    if rnd.random() < 0.1 or not ids:
        mid = store.create_measure({**measure, "title": f"K{rnd.random()}"}, "writer")
        print(f"created {mid}", flush=True)
        continue
    mid = rnd.choice(ids)
    current = store.measure(mid)
    notes = (current["notes"] or "") + "|" + str(current["version"])
    changes = {"notes": notes, "areas": rnd.sample(["61", "91", "63"], 2),
               "progress": rnd.randrange(0, 100)}
    version = store.update_measure(mid, current["version"], changes, "writer", "loop")
    print(f"saved {mid} {version}", flush=True)
"""


def _kill_while_writing(path: Path, seed: int, commits: int) -> dict[int, int]:
    """Run the writer until it reported ``commits`` commits, then SIGKILL it."""
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    proc = subprocess.Popen(
        [sys.executable, "-c", WRITER, str(path), str(seed)],
        cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )  # fmt: skip
    acked: dict[int, int] = {}
    try:
        assert proc.stdout is not None
        for seen, line in enumerate(proc.stdout, start=1):
            kind, mid, *rest = line.split()
            acked[int(mid)] = int(rest[0]) if kind == "saved" else 1
            if seen >= commits:
                break
        else:
            pytest.fail("writer stopped: " + (proc.stderr.read() if proc.stderr else ""))
    finally:
        os.kill(proc.pid, signal.SIGKILL)  # mid-loop, often inside a transaction
        proc.wait(timeout=30)
    assert proc.returncode == -signal.SIGKILL
    return acked


def test_kill_during_writes_leaves_a_consistent_database(tmp_path: Path) -> None:
    path = tmp_path / "killed.duckdb"
    store = Store(path)
    store.migrate()
    load_catalogues_into(store)
    for i in range(3):
        store.create_measure({**MEASURE, "title": f"K-start-{i}"}, "setup")
    store.close()  # the writer process needs the file for itself

    for cycle, commits in enumerate((25, 60, 40)):
        acked = _kill_while_writing(path, seed=cycle, commits=commits)
        store = Store(path)  # opens after the kill (the write-ahead log is replayed)
        try:
            measures = store.measures()
            events = store.measure_events()
            assert set(events["measure_id"]) == set(measures["id"])  # no orphans, none missing
            for mid in measures["id"]:
                _check_history(store, int(mid))
            versions = dict(zip(measures["id"], measures["version"], strict=True))
            # whatever the writer saw committed is there
            assert all(versions[mid] >= version for mid, version in acked.items())
            links = measures["areas"].map(len)
            assert ((links == 2) | (measures["version"] == 1)).all()  # links written with saves
        finally:
            store.close()
