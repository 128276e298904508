"""Import throughput (rows/s) of the canonical format and the statistics layout, per scale."""

from __future__ import annotations

import shutil
import statistics
import time
from pathlib import Path

from bench.scale import Scale, canonical_csv, scaled_frames, stats_csv
from dashboard.bootstrap import load_catalogues_into
from dashboard.imports import Options, check_file, store_catalogue, write_checked
from dashboard.store import Store

STATS_PERIODS = 40  # year columns of the statistics-layout file (one row per Stadtteil)


def catalogue_db(path: Path, scale: Scale, seed: int = 7) -> Path:
    """An empty database holding only the scale's catalogues (the import target)."""
    store = Store(path)
    try:
        store.migrate()
        load_catalogues_into(store)
        store.replace_catalogues(scaled_frames(store_catalogue(store), scale, seed))
    finally:
        store.close()
    return path


def _one_run(template: Path, work: Path, kind: str, data: bytes, indicator: str | None) -> tuple:
    """Rows, wall seconds and CPU seconds (all threads) of one validate-and-write."""
    db = work / "run.duckdb"
    shutil.copy(template, db)
    store = Store(db)
    try:
        start, cpu = time.perf_counter(), time.process_time()
        checked = check_file(store, kind, data, "bench.csv", Options(indicator=indicator))
        if checked.errors:
            raise SystemExit("benchmark input invalid:\n" + "\n".join(map(str, checked.errors[:5])))
        write_checked(store, checked, "bench")
        return checked.rows, time.perf_counter() - start, time.process_time() - cpu
    finally:
        store.close()
        db.unlink()


def measure(scale: Scale, work: Path, runs: int) -> list[dict]:
    """Median seconds and rows/s of both formats, each on a fresh copy of the catalogue DB."""
    template = catalogue_db(work / "catalogue.duckdb", scale)
    store = Store(template)
    catalogue = store_catalogue(store)
    store.close()
    files = {
        "canonical": ("observations", canonical_csv(catalogue, scale.import_rows), None),
        "stats": ("stats", stats_csv(catalogue, STATS_PERIODS), "bevoelkerung"),
    }
    results = []
    for label, (kind, data, indicator) in files.items():
        times, cpus, rows = [], [], 0
        for _ in range(runs):
            rows, seconds, cpu = _one_run(template, work, kind, data, indicator)
            times.append(seconds)
            cpus.append(cpu)
        median, cpu_median = statistics.median(times), statistics.median(cpus)
        results.append(
            {
                "format": label, "rows": rows, "bytes": len(data), "runs": runs,
                "median_s": median, "rows_per_s": rows / median, "cpu_s": cpu_median,
                "rows_per_cpu_s": rows / cpu_median,
            }
        )  # fmt: skip
    return results
