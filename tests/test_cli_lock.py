"""The CLI waits, bounded, for a database another process holds, then says so (issue 13)."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

from dashboard.store import Store
from tests.conftest import ASSETS, ROOT

HOLD = """
import sys, time
from dashboard.store import Store
store = Store(sys.argv[1])
print("held", flush=True)
time.sleep(float(sys.argv[2]))
store.close()
"""


def _holder(db: Path, seconds: float) -> subprocess.Popen[str]:
    proc = subprocess.Popen(
        [sys.executable, "-c", HOLD, str(db), str(seconds)], cwd=ROOT, text=True,
        stdout=subprocess.PIPE,
    )  # fmt: skip
    assert proc.stdout is not None and proc.stdout.readline().strip() == "held"
    return proc


def _import(db: Path, wait: str) -> tuple[subprocess.CompletedProcess[str], float]:
    started = time.monotonic()
    result = subprocess.run(
        [sys.executable, "-m", "dashboard", "import", "stats", str(ASSETS / "stats_good.csv"),
         "--indicator", "bevoelkerung_mv"],
        capture_output=True, text=True, cwd=ROOT, timeout=120,
        env={**os.environ, "LEITBILD_DB": str(db), "LEITBILD_LOCK_WAIT_SECONDS": wait},
    )  # fmt: skip
    return result, time.monotonic() - started


def test_import_goes_through_once_a_short_holder_lets_go(demo_db: Path) -> None:
    holder = _holder(demo_db, 1.5)
    result, _elapsed = _import(demo_db, "30")
    holder.wait(timeout=30)
    assert result.returncode == 0, result.stderr
    assert "stats_good.csv: ok" in result.stdout
    store = Store(demo_db)
    try:
        value = store.observations(["bevoelkerung_mv"], ["61"], [2014])["value"].tolist()
    finally:
        store.close()
    assert value == [3571]


def test_import_gives_up_after_the_wait_and_points_to_the_page(demo_db: Path) -> None:
    holder = _holder(demo_db, 60)
    try:
        result, elapsed = _import(demo_db, "1")
    finally:
        holder.kill()
        holder.wait(timeout=30)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert "auf der Seite „Daten“ (/daten)" in result.stderr
    assert elapsed < 15, elapsed
