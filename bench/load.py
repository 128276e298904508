"""Load benchmark: N reading sessions against 1 or N app processes, DuckDB or PostgreSQL.

``python -m bench.load --backend postgresql --workers 2 --sessions 20 --seconds 30``
starts ``leitbild-monitor serve`` (nginx in front, also for one worker, so every variant pays
the same proxy hop) on a fresh demo database, runs headless Streamlit sessions against the
proxy (the same websocket page runs as tests/test_load.py, with an optional think time between
clicks), and prints page runs/s, p50/p95/max page time and errors as JSON. PostgreSQL comes
from a throwaway server (tests/pg_server.py). Writers are not part of this benchmark: the
concurrent edits with optimistic locking are tests/test_load.py (one process) and
tests/test_store_postgres.py (across processes).
"""

from __future__ import annotations

import argparse
import asyncio
import http.cookies
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

from tests.browser import free_port
from tests.conftest import ROOT
from tests.pg_server import fresh_database, postgres_server
from tests.test_browser_smoke import existing_pages
from tests.test_load import _page_run

PAGES = [url for _, url in existing_pages()]


def _cookie(url: str) -> str:
    """A new browser's sticky cookie from the proxy (it decides the worker for the session)."""
    with urllib.request.urlopen(url + "/", timeout=60) as resp:
        resp.read()
        jar = http.cookies.SimpleCookie()
        for header in resp.headers.get_all("Set-Cookie") or []:
            jar.load(header)
    return "; ".join(f"{k}={v.value}" for k, v in jar.items())


async def _warm(url: str, seed: int) -> None:
    """One visit of every page in a new session (caches and released values of its worker)."""
    import websockets

    cookie = await asyncio.to_thread(_cookie, url)
    ws_url = url.replace("http://", "ws://") + "/_stcore/stream"
    async with websockets.connect(
        ws_url, subprotocols=["streamlit"], max_size=2**26, additional_headers={"Cookie": cookie}
    ) as ws:
        for page in PAGES:
            await _page_run(ws, "" if page == "start" else page, "")


async def _session(url: str, seed: int, end: float, think: tuple[float, float],
                   times: list[float], problems: list[str]) -> None:  # fmt: skip
    import websockets

    rnd = random.Random(seed)
    await asyncio.sleep(rnd.uniform(0, think[1]))  # users do not all arrive in the same second
    cookie = await asyncio.to_thread(_cookie, url)
    ws_url = url.replace("http://", "ws://") + "/_stcore/stream"
    async with websockets.connect(
        ws_url, subprotocols=["streamlit"], max_size=2**26, additional_headers={"Cookie": cookie}
    ) as ws:
        while time.monotonic() < end:
            page = rnd.choice(PAGES)
            query = "stadtteil=61" if page == "stadtteil" and rnd.random() < 0.5 else ""
            try:
                elapsed, found = await _page_run(ws, "" if page == "start" else page, query)
            except Exception as exc:  # a timeout or a dropped connection is an error to report
                problems.append(f"{page}: {type(exc).__name__}")
                return
            times.append(elapsed)
            problems.extend(found)
            if think[1]:
                await asyncio.sleep(rnd.uniform(*think))


def _serve(db: str, workers: int) -> tuple[subprocess.Popen, str]:
    port = free_port()
    env = {**os.environ, "LEITBILD_DB": db, "PYTHONPATH": str(ROOT)}
    proc = subprocess.Popen(
        [sys.executable, "-m", "dashboard", "serve", "--workers", str(workers), "--port",
         str(port), "--address", "127.0.0.1", "--first-worker-port", str(free_port())],
        cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 300
    while True:
        try:
            with urllib.request.urlopen(url + "/_stcore/health", timeout=5):
                return proc, url
        except OSError:
            if proc.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError("serve did not start") from None
            time.sleep(0.5)


def measure(db: str, workers: int, sessions: int, seconds: float,
            think: tuple[float, float]) -> dict[str, object]:  # fmt: skip
    """Serve ``db`` with ``workers`` processes and load it; the figures."""
    proc, url = _serve(db, workers)
    try:
        # warm: sessions with new cookies until every worker has run every page once (untimed)
        for seed in range(4 * workers):
            asyncio.run(_warm(url, 1000 + seed))
        times: list[float] = []
        problems: list[str] = []
        end = time.monotonic() + seconds
        started = time.monotonic()

        async def run() -> None:
            await asyncio.gather(*(_session(url, i, end, think, times, problems)
                                   for i in range(sessions)))  # fmt: skip

        asyncio.run(run())
        duration = time.monotonic() - started
    finally:
        proc.terminate()
        proc.wait(timeout=60)
    times.sort()
    p95 = times[max(0, round(0.95 * len(times)) - 1)] if times else None
    return {
        "workers": workers, "sessions": sessions, "think_s": list(think),
        "seconds": round(duration, 1), "page_runs": len(times),
        "runs_per_s": round(len(times) / duration, 2),
        "p50_s": round(statistics.median(times), 3) if times else None,
        "p95_s": None if p95 is None else round(p95, 3),
        "max_s": round(times[-1], 3) if times else None, "errors": len(problems),
        "problems": problems[:5],
    }  # fmt: skip


def main(argv: list[str] | None = None) -> int:
    """Run one load configuration and print its figures as JSON."""
    parser = argparse.ArgumentParser(prog="python -m bench.load")
    parser.add_argument("--backend", choices=("duckdb", "postgresql"), default="postgresql")
    parser.add_argument("--workers", type=int, default=1)
    parser.add_argument("--sessions", type=int, default=20)
    parser.add_argument("--seconds", type=float, default=30.0)
    parser.add_argument("--think", default="0-0", help="Denkzeit je Klick in s, z. B. 5-10")
    args = parser.parse_args(argv)
    low, high = (float(x) for x in args.think.split("-"))
    with tempfile.TemporaryDirectory(prefix="leitbild-load-") as folder:
        if args.backend == "duckdb":
            db = str(Path(folder) / "load.duckdb")
            figures = measure(db, args.workers, args.sessions, args.seconds, (low, high))
        else:
            with postgres_server(Path(folder)) as server:
                figures = measure(fresh_database(server), args.workers, args.sessions,
                                  args.seconds, (low, high))  # fmt: skip
    print(json.dumps({"backend": args.backend, **figures}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
