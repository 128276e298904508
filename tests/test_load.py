"""Bounded load on loopback: 20 reading sessions and 5 editors against one running app.

Readers are real Streamlit sessions without a browser: each opens the app's websocket
(/_stcore/stream), asks for page runs with the same BackMsg a browser sends when the user
clicks through the navigation, and reads the ForwardMsgs until the run has finished. A page
time is the time from the request to `script_finished` (what a user waits for, without the
browser's drawing). Every session also fetches the HTML shell and the health endpoint.

Editors use the store write API in five threads INSIDE the app process (DuckDB admits one
writing process; a launcher starts them beside the Streamlit server), saving concurrent edits
of three shared measures with optimistic locking and retrying on conflict, as the form does.

Asserted: no HTTP error, no exception element, every run finished, no lost update (every
acknowledged save is in the history, versions consecutive). Reported (printed, artifacts and
bench/RESULTS.md by hand): sessions, duration, page runs, p50/p95 page time.
"""

from __future__ import annotations

import asyncio
import json
import os
import random
import socket
import statistics
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from dashboard.store import Store
from tests.browser import ARTIFACTS
from tests.conftest import ROOT
from tests.test_browser_smoke import existing_pages

READERS = 20
EDITORS = 5
SECONDS = float(os.environ.get("LEITBILD_LOAD_SECONDS", "15"))
PAGE_PATHS = [url for _, url in existing_pages()]
RUN_TIMEOUT_S = 120.0

LAUNCHER = r"""
import json, random, sys, threading, time
from dashboard.store import MeasureConflictError, Store

db, port, seconds, out = sys.argv[1], sys.argv[2], float(sys.argv[3]), sys.argv[4]
acked, conflicts = [], [0]

def edit(worker: int) -> None:
    store = Store(db)  # shares the process-wide connection with the app
    rnd = random.Random(worker)
    frame = store.measures()
    ids = [int(i) for i, t in zip(frame["id"], frame["title"]) if str(t).startswith("Last ")]
    time.sleep(3.0)  # let the readers connect first
    end = time.monotonic() + seconds
    n = 0
    while time.monotonic() < end:
        mid = rnd.choice(ids)
        while True:
            current = store.measure(mid)
            token = f"{worker}-{n}"
            notes = (current["notes"] or "") + "|" + token
            try:
                version = store.update_measure(mid, current["version"], {"notes": notes,
                    "progress": rnd.randrange(0, 99)}, f"editor{worker}", None)
            except MeasureConflictError:
                conflicts[0] += 1
                continue  # reload and save again, as the form offers
            acked.append([mid, version, token])
            n += 1
            break
        time.sleep(rnd.uniform(0.05, 0.3))

threads = [threading.Thread(target=edit, args=(w,), daemon=True) for w in range(5)]
for t in threads:
    t.start()

def report() -> None:
    for t in threads:
        t.join()
    with open(out, "w") as fh:
        json.dump({"acked": acked, "conflicts": conflicts[0]}, fh)

threading.Thread(target=report, daemon=True).start()
from streamlit.web import cli
sys.argv = ["streamlit", "run", "dashboard/app.py", "--server.port", port,
            "--server.address", "127.0.0.1", "--server.headless", "true",
            "--server.fileWatcherType", "none", "--global.developmentMode", "false",
            "--browser.gatherUsageStats", "false"]
cli.main()
"""


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _http(url: str) -> int:
    try:
        with urllib.request.urlopen(url, timeout=30) as resp:
            resp.read()
            return resp.status
    except urllib.error.HTTPError as err:
        return err.code


async def _page_run(ws: object, page: str, query: str) -> tuple[float, list[str]]:
    """Ask for one page run; its duration and any problems (exceptions, unfinished run)."""
    from streamlit.proto.BackMsg_pb2 import BackMsg
    from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

    msg = BackMsg()
    msg.rerun_script.query_string = query
    msg.rerun_script.page_name = page
    start = time.perf_counter()
    await ws.send(msg.SerializeToString())
    problems: list[str] = []
    while True:
        raw = await asyncio.wait_for(ws.recv(), timeout=RUN_TIMEOUT_S)
        fwd = ForwardMsg()
        fwd.ParseFromString(raw)
        kind = fwd.WhichOneof("type")
        if kind == "delta" and fwd.delta.WhichOneof("type") == "new_element":
            if fwd.delta.new_element.WhichOneof("type") == "exception":
                exc = fwd.delta.new_element.exception
                problems.append(f"{page}: {exc.type}: {exc.message[:200]}")
        elif kind == "page_not_found":
            problems.append(f"{page}: page not found")
        elif kind == "script_finished":
            if fwd.script_finished == ForwardMsg.FINISHED_WITH_COMPILE_ERROR:
                problems.append(f"{page}: compile error")
            if fwd.script_finished != ForwardMsg.FINISHED_EARLY_FOR_RERUN:
                return time.perf_counter() - start, problems


async def _reader(url: str, seed: int, end: float, times: list[float], problems: list[str]) -> None:
    import websockets

    rnd = random.Random(seed)
    for path in ("/", "/_stcore/health"):
        status = await asyncio.to_thread(_http, url + path)
        if status >= 400:
            problems.append(f"HTTP {status} for {path}")
    ws_url = url.replace("http://", "ws://") + "/_stcore/stream"
    async with websockets.connect(ws_url, subprotocols=["streamlit"], max_size=2**26) as ws:
        while time.monotonic() < end:
            page = rnd.choice(PAGE_PATHS)
            query = "stadtteil=61" if page == "stadtteil" and rnd.random() < 0.5 else ""
            elapsed, found = await _page_run(ws, "" if page == "start" else page, query)
            times.append(elapsed)
            problems.extend(found)


async def _readers(url: str, seconds: float) -> tuple[list[float], list[str]]:
    times: list[float] = []
    problems: list[str] = []
    end = time.monotonic() + seconds
    await asyncio.gather(*(_reader(url, i, end, times, problems) for i in range(READERS)))
    return times, problems


def _start(db: Path, out: Path) -> tuple[subprocess.Popen, str]:
    port = _free_port()
    env = {**os.environ, "LEITBILD_DB": str(db), "PYTHONPATH": str(ROOT)}
    proc = subprocess.Popen(
        [sys.executable, "-c", LAUNCHER, str(db), str(port), str(SECONDS), str(out)],
        cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
    )  # fmt: skip
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while _health(url) != 200:
        if proc.poll() is not None or time.monotonic() > deadline:
            proc.kill()
            raise RuntimeError("app did not start: " + proc.stderr.read().decode()[-2000:])
        time.sleep(0.3)
    return proc, url


def _health(url: str) -> int:
    try:
        return _http(url + "/_stcore/health")
    except OSError:
        return 0


def test_20_readers_and_5_editors(demo_db: Path, tmp_path: Path) -> None:
    store = Store(demo_db)
    base = {"status": "laufend", "fields": ["8.2"], "areas": ["61"], "goals": [], "progress": 0,
            "notes": ""}  # fmt: skip
    mids = [store.create_measure({**base, "title": f"Last {i}"}, "setup") for i in range(3)]
    store.close()
    out = tmp_path / "editors.json"
    proc, url = _start(demo_db, out)
    try:
        started = time.monotonic()
        times, problems = asyncio.run(_readers(url, SECONDS + 3.0))
        duration = time.monotonic() - started
        deadline = time.monotonic() + 60
        while not out.exists() and time.monotonic() < deadline:
            time.sleep(0.2)
        assert out.exists(), "editors did not report"
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            proc.kill()
    editors = json.loads(out.read_text())
    assert problems == []
    assert times, "no page run finished"
    assert editors["acked"], "no save went through"

    store = Store(demo_db)
    try:
        for mid in mids:
            measure = store.measure(mid)
            events = store.measure_events(mid)
            assert measure["version"] == len(events)  # 'angelegt' + one event per save
            tokens = [t for t in str(measure["notes"] or "").split("|") if t]
            mine = [a for a in editors["acked"] if a[0] == mid]
            assert sorted(v for _, v, _ in mine) == list(range(2, measure["version"] + 1))
            assert sorted(t for *_, t in mine) == sorted(tokens)  # no save lost
    finally:
        store.close()

    times.sort()
    p95 = times[max(0, round(0.95 * len(times)) - 1)]
    figures = {
        "readers": READERS, "editors": EDITORS, "seconds": round(duration, 1),
        "page_runs": len(times), "p50_s": round(statistics.median(times), 3),
        "p95_s": round(p95, 3), "max_s": round(times[-1], 3),
        "saves": len(editors["acked"]), "conflicts_retried": editors["conflicts"],
        "errors": len(problems),
    }  # fmt: skip
    ARTIFACTS.mkdir(exist_ok=True)
    (ARTIFACTS / "load.json").write_text(json.dumps(figures, indent=2))
    print(f"\nload: {figures}")
    if len(times) < READERS:
        pytest.fail(f"too few page runs finished: {figures}")
