"""Write the demo data as the files a city would import: ``python -m dashboard.demo.files``.

Observations and targets in the canonical long format (CSV, ``;``, decimal comma, every
number written so that it reads back exactly), measures in the measure format, and what no
import format carries (the measures' history, the organisations' kinds) in ``history.yaml``.
``demo.yaml`` lists the files and the day their dates are relative to. Deterministic: the same
seed gives byte-identical files (a test compares the committed ones with fresh output).
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import io
import math
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import yaml

from dashboard.catalogues import Catalogue, load_catalogues
from dashboard.config import DATA_DIR
from dashboard.demo import DEFAULT_SEED, DEFAULT_TODAY, DemoData, generate
from dashboard.ingest.measures import MEASURE_FILE_COLUMNS
from dashboard.ingest.targets import TARGET_FILE_COLUMNS

DEMO_DIR = DATA_DIR / "demo"
MANIFEST = "demo.yaml"
HISTORY = "history.yaml"
OBSERVATION_HEADER = [
    "indicator", "area", "period", "group", "value", "numerator", "denominator", "flag", "source",
]  # fmt: skip
NOTICE = "# Generiert von `python -m dashboard.demo.files` (Demodaten); nicht von Hand ändern.\n"


def number(x: Any) -> str:
    """A number as the importer reads it back exactly: positional, decimal comma, '' for none."""
    if x is None or (isinstance(x, float) and math.isnan(x)):
        return ""
    return np.format_float_positional(float(x), unique=True, trim="-").replace(".", ",")


def _text(x: Any) -> str:
    """A text cell ('' for none)."""
    return "" if x is None or (isinstance(x, float) and math.isnan(x)) else str(x)


def _csv(header: list[str], rows: list[list[str]]) -> str:
    """CSV text with ';' and '\\n' line ends (stable across platforms)."""
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\n")
    writer.writerow(header)
    writer.writerows(rows)
    return out.getvalue()


def observation_files(obs: pd.DataFrame, catalogue: Catalogue) -> dict[str, str]:
    """One canonical CSV per field of action: name → text."""
    field_of = dict(zip(catalogue.indicators["id"], catalogue.indicators["field_id"], strict=True))
    files: dict[str, list[list[str]]] = {}
    for r in obs.itertuples(index=False):
        name = "observations_" + str(field_of[r.indicator_id]).replace(".", "_") + ".csv"
        files.setdefault(name, []).append(
            [
                r.indicator_id,
                r.area_code,
                str(r.period),
                r.grp,
                number(r.value),
                number(r.numerator),
                number(r.denominator),
                _text(r.flag),
                r.source,
            ]
        )
    return {name: _csv(OBSERVATION_HEADER, rows) for name, rows in sorted(files.items())}


def targets_file(targets: pd.DataFrame) -> str:
    """The targets in the target import format."""
    rows = [
        [
            t["indicator_id"],
            _text(t["area_code"]),
            t["grp"],
            t["type"],
            number(t["value"]),
            _text(t["reference_indicator"]),
            _text(t["reference_grp"]),
            _text(t["baseline_period"]),
            number(t["baseline_value"]),
            str(t["target_period"]),
            _text(t["goal_id"]),
            _text(t["note"]),
        ]
        for t in targets.to_dict("records")
    ]
    return _csv(TARGET_FILE_COLUMNS, rows)


def _measure_cell(m: dict[str, Any], column: str) -> str:
    """One cell of the measure file: lists joined with '; ', dates ISO, numbers exact."""
    value = m.get(column)
    if column in ("fields", "goals", "areas"):
        return "; ".join(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    if column in ("progress", "reach", "budget"):
        return number(value)
    return _text(value)


def measures_file(measures: list[dict[str, Any]]) -> str:
    """The measures in the measure import format."""
    rows = [[_measure_cell(m, c) for c in MEASURE_FILE_COLUMNS] for m in measures]
    return _csv(MEASURE_FILE_COLUMNS, rows)


def history_file(demo: DemoData) -> str:
    """What the import formats do not carry: organisations' kinds, creation and event history."""
    history = {
        "organisations": [{"id": i, "name": n, "kind": k} for i, n, k in demo.organisations],
        "measures": [
            {
                "title": m["title"],
                "created_at": str(m["created_at"]),
                "events": [{**e, "at": str(e["at"])} for e in m["events"]],
            }
            for m in demo.measures
        ],
    }
    return NOTICE + yaml.safe_dump(history, allow_unicode=True, sort_keys=False, width=100)


def render(catalogue: Catalogue, seed: int = DEFAULT_SEED) -> dict[str, str]:
    """Every demo file (name → text) for the seed, dates as of DEFAULT_TODAY."""
    demo = generate(catalogue, seed=seed, today=DEFAULT_TODAY)
    files = observation_files(demo.observations, catalogue)
    manifest = {
        "seed": seed,
        "as_of": DEFAULT_TODAY.isoformat(),
        "observations": list(files),
        "targets": ["targets.csv"],
        "measures": ["measures.csv"],
        "history": HISTORY,
    }
    files["targets.csv"] = targets_file(demo.targets)
    files["measures.csv"] = measures_file(demo.measures)
    files[HISTORY] = history_file(demo)
    files[MANIFEST] = NOTICE + yaml.safe_dump(manifest, sort_keys=False)
    return files


def write(directory: Path, catalogue: Catalogue, seed: int = DEFAULT_SEED) -> list[Path]:
    """Write every demo file into ``directory`` (created if missing); the paths written."""
    directory.mkdir(parents=True, exist_ok=True)
    paths = []
    for name, text in render(catalogue, seed).items():
        path = directory / name
        path.write_text(text, encoding="utf-8", newline="\n")
        paths.append(path)
    return paths


def main(argv: list[str] | None = None) -> int:
    """Command line: regenerate data/demo (or another directory) from the generator."""
    parser = argparse.ArgumentParser(description="Demodaten als Importdateien schreiben")
    parser.add_argument("--out", type=Path, default=DEMO_DIR, help="Zielverzeichnis")
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED)
    args = parser.parse_args(argv)
    for path in write(args.out, load_catalogues(DATA_DIR), args.seed):
        print(path)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
