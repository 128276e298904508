"""Import throughput of the canonical format and the statistics layout (median of runs).

Run with ``make bench``; prints a Markdown table. Later issues add page and map benchmarks.
"""

from __future__ import annotations

import io
import platform
import statistics
import tempfile
import time
from pathlib import Path

import numpy as np
import pandas as pd

from dashboard.bootstrap import load_catalogues_into
from dashboard.imports import check_file, write_checked
from dashboard.store import Store

RUNS = 5


def _districts(store: Store) -> list[str]:
    areas = store.catalogue("area")
    return list(areas.loc[areas["level"] == "stadtteil", "code"])


def canonical_csv(store: Store, periods: int) -> bytes:
    """A canonical long-format file: every stored count indicator × district × period."""
    indicators = store.catalogue("indicator")
    counts = indicators[
        (indicators["kind"] == "count")
        & indicators["numerator_id"].isna()
        & indicators["levels"].map(lambda levels: "stadtteil" in levels)
        & indicators["groups"].map(lambda groups: "insgesamt" in groups)
    ]
    rng = np.random.default_rng(1)
    rows = [
        (ind, area, 2000 + p, "insgesamt", int(rng.integers(3, 20000)))
        for ind in counts["id"]
        for area in _districts(store)
        for p in range(periods)
    ]
    frame = pd.DataFrame(rows, columns=["indicator", "area", "period", "group", "value"])
    return frame.to_csv(index=False, sep=";").encode("utf-8")


def stats_csv(store: Store, periods: int) -> bytes:
    """A statistics-layout file: one row per district, one column per year."""
    rng = np.random.default_rng(2)
    lines = ["Bevölkerung", "", "Stadtteil;" + ";".join(str(2000 + p) for p in range(periods))]
    areas = store.catalogue("area").set_index("code")
    for code in _districts(store):
        values = ";".join(
            f"{int(rng.integers(1000, 20000)):,}".replace(",", ".") for _ in range(periods)
        )
        lines.append(f"{code} {areas.loc[code, 'name']};{values}")
    return "\n".join(lines).encode("cp1252")


def measure(kind: str, data: bytes, indicator: str | None = None) -> tuple[int, float]:
    """Median seconds to validate and write ``data`` into a fresh database."""
    from dashboard.imports import Options

    times, rows = [], 0
    for _ in range(RUNS):
        with tempfile.TemporaryDirectory() as tmp:
            store = Store(Path(tmp) / "bench.duckdb")
            store.migrate()
            load_catalogues_into(store)
            start = time.perf_counter()
            checked = check_file(store, kind, data, "bench.csv", Options(indicator=indicator))
            if checked.errors:
                raise SystemExit(
                    "benchmark input invalid:\n" + "\n".join(map(str, checked.errors[:5]))
                )
            write_checked(store, checked, "bench")
            times.append(time.perf_counter() - start)
            rows = checked.rows
            store.close()
    return rows, statistics.median(times)


def main() -> None:
    """Print the benchmark table."""
    with tempfile.TemporaryDirectory() as tmp:
        store = Store(Path(tmp) / "gen.duckdb")
        store.migrate()
        load_catalogues_into(store)
        canonical = canonical_csv(store, 11)
        stats = stats_csv(store, 11)
        store.close()
    out = io.StringIO()
    machine = platform.processor() or platform.machine()
    out.write(f"Machine: {machine}, Python {platform.python_version()}\n\n")
    out.write("| import | rows | median s | rows/s |\n|---|---:|---:|---:|\n")
    for label, kind, data, ind in (
        ("canonical CSV", "observations", canonical, None),
        ("statistics layout CSV", "stats", stats, "bevoelkerung"),
    ):
        rows, seconds = measure(kind, data, ind)
        out.write(f"| {label} | {rows} | {seconds:.3f} | {rows / seconds:,.0f} |\n")
    print(out.getvalue())


if __name__ == "__main__":
    main()
