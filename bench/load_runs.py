"""The load-test goal inside ``make bench``: page runs per second of one serving process.

Runs ``python -m bench.load`` (DuckDB, one process, 20 sessions without think time, on fresh
demo data) in this tree and, with ``--baseline``, in the baseline checkout, alternately, so
both see the same machine load; the report takes the median of the rounds.
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ARGS = ["--backend", "duckdb", "--workers", "1", "--sessions", "20", "--seconds", "30"]


def one_run(root: Path) -> dict:
    """One load test of the checkout at ``root`` (its app, its settings); its figures."""
    done = subprocess.run(
        [sys.executable, "-m", "bench.load", *ARGS],
        cwd=root, env={**os.environ, "PYTHONPATH": str(root)},
        capture_output=True, text=True, check=False,
    )  # fmt: skip
    lines = [line for line in done.stdout.splitlines() if line.startswith("{")]
    if done.returncode != 0 or not lines:
        return {"failed": done.returncode, "output": (done.stdout + done.stderr)[-2000:]}
    return json.loads(lines[-1])


def measure(rounds: int, baseline: Path | None) -> dict:
    """``rounds`` load tests of this tree (and of ``baseline``, alternating); every run kept."""
    runs: dict[str, list[dict]] = {"now": [], "baseline": []}
    for _ in range(rounds):
        runs["now"].append(one_run(ROOT))
        if baseline:
            runs["baseline"].append(one_run(baseline))
    return {"args": " ".join(ARGS), **runs}


def median_rate(runs: list[dict]) -> float | None:
    """Median page runs per second of the runs that finished (None when none did)."""
    rates = [r["runs_per_s"] for r in runs if "runs_per_s" in r]
    return statistics.median(rates) if rates else None
