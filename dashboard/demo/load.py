"""Load the demo files through the import path a city's files take, labelled as demo.

Every file is validated by ``dashboard.imports.check_file`` (the same parser and rules as
``import observations|targets|measures``) and written by ``write_demo``; a demo file with an
error is refused like any other file. Dates in the files are relative to the manifest's
``as_of`` day and are moved to today before the check, so that lateness and review dates look
current in the app.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import tempfile
from pathlib import Path
from typing import Any

import pandas as pd

from dashboard import clock
from dashboard.catalogues import Catalogue
from dashboard.config import DATA_DIR, catalogue_dir
from dashboard.imports import Checked, check_file, write_demo
from dashboard.ingest.tables import read_bytes
from dashboard.store import Store
from dashboard.yamltext import load_yaml

DEMO_BY = "Demodaten"
DATE_COLUMNS = ("planned_start", "planned_end", "actual_start", "actual_end", "last_reviewed",
                "next_step_date")  # fmt: skip


def demo_dir() -> Path:
    """The demo files of the selected catalogue (``<catalogue>/demo``)."""
    return catalogue_dir() / "demo"


def manifest(directory: Path) -> dict[str, Any]:
    """The demo manifest (files, seed, the day the dates are relative to)."""
    return load_yaml((directory / "demo.yaml").read_text(encoding="utf-8")) or {}


def _shift_measure_dates(data: bytes, days: int) -> bytes:
    """The measure file with every date column moved by ``days`` (ISO dates, as written)."""
    if not days:
        return data
    rows = list(csv.reader(io.StringIO(data.decode("utf-8")), delimiter=";"))
    header = rows[0]
    columns = [i for i, name in enumerate(header) if name in DATE_COLUMNS]
    for row in rows[1:]:
        for i in columns:
            if row[i]:
                row[i] = (dt.date.fromisoformat(row[i]) + dt.timedelta(days=days)).isoformat()
    out = io.StringIO()
    csv.writer(out, delimiter=";", lineterminator="\n").writerows(rows)
    return out.getvalue().encode("utf-8")


def _add_history(checked: Checked, history: dict[str, Any], days: int) -> None:
    """Creation time and event history (not part of the measure format) by title."""
    by_title = {h["title"]: h for h in history.get("measures") or []}
    shift = pd.Timedelta(days=days)
    for m in checked.payload:
        h = by_title.get(m["title"])
        if h is None:
            continue
        m["created_at"] = pd.Timestamp(h["created_at"]) + shift
        m["events"] = [{**e, "at": pd.Timestamp(e["at"]) + shift} for e in h["events"]]


def _check(store: Store, kind: str, path: Path, days: int = 0) -> Checked:
    """Validate one demo file with the importer (dates moved first for measures)."""
    data = read_bytes(path)
    if kind == "measures":
        data = _shift_measure_dates(data, days)
    return check_file(store, kind, data, path.name)


def load_directory(store: Store, directory: Path) -> dict[str, int]:
    """Check and write every file the manifest names; counts of rows written per kind."""
    spec = manifest(directory)
    days = (clock.today() - dt.date.fromisoformat(str(spec["as_of"]))).days
    history_path = directory / str(spec.get("history", "history.yaml"))
    history = load_yaml(history_path.read_text("utf-8")) if history_path.is_file() else {}
    history = history or {}
    described = history.get("organisations") or []
    orgs = [(o["id"], o["name"], o.get("kind")) for o in described]
    counts = {"observations": 0, "targets": 0, "measures": 0}
    # each file all or nothing, as `import bundle` does; observations first, measures last
    for kind in ("observations", "targets", "measures"):
        for name in spec.get(kind) or []:
            checked = _check(store, kind, directory / name, days)
            if kind == "measures":
                _add_history(checked, history, days)
            write_demo(store, checked, DEMO_BY, orgs if kind == "measures" else [])
            counts[kind] += checked.rows
    return counts


def load_demo_files(store: Store, seed: int, catalogue: Catalogue) -> dict[str, int]:
    """Load the selected catalogue's demo files (none: nothing).

    The project's own demo is generated: another seed than the committed files' is written
    into a temporary directory first and loaded from there, through the same path.
    """
    directory = demo_dir()
    own = catalogue_dir() == DATA_DIR
    if directory.is_dir() and (not own or int(manifest(directory).get("seed", seed)) == seed):
        return load_directory(store, directory)
    if not own:
        return {"observations": 0, "targets": 0, "measures": 0}  # a catalogue without demo
    from dashboard.demo.files import write

    with tempfile.TemporaryDirectory() as tmp:
        write(Path(tmp), catalogue, seed)
        return load_directory(store, Path(tmp))
