"""A recorded corpus of import files and what the importer said about each (issue 17).

The corpus pins the importer's observable behaviour so that its inner workings can change:
every problem (file, row, column, expected, found, severity), the notes, the checked rows and,
for files that import, what the write stores. Files come from two sources:

- the fuzz strategies of ``tests/test_fuzz_imports.py`` (small mutated files of every table
  format, drawn deterministically), stored as bytes;
- large files: the benchmark's 1x canonical and statistics-layout files, cut to a few thousand
  rows with seeded edits (text in numbers, unknown codes, duplicates, quotes, padding, ragged
  and empty lines, CRLF), stored as the recipe that rebuilds them.

Record (after a deliberate change of a message, and only then):
``.venv/bin/python -m tests.import_corpus`` rewrites ``tests/fixtures/import_corpus.json.gz``;
``tests/test_import_corpus.py`` replays it.
"""

from __future__ import annotations

import base64
import gzip
import hashlib
import json
import random
import shutil
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import asdict
from pathlib import Path
from typing import Any

import pandas as pd

from dashboard.bootstrap import load_catalogues_into
from dashboard.errors import ValidationError
from dashboard.imports import Checked, Options, check_file, store_catalogue, write_checked
from dashboard.store import Store

CORPUS = Path(__file__).parent / "fixtures" / "import_corpus.json.gz"
TODAY = "2025-11-24"  # measures and targets compare dates with today
PER_FORMAT = 120  # drawn samples per fuzz format (duplicates dropped)
LARGE_ROWS = 3_000
WRITTEN = ("observations", "stats")  # kinds whose accepted files are also written


@contextmanager
def catalogue_store(work: Path) -> Iterator[Store]:
    """An empty database with the project's catalogues (like the fixture ``empty_store``)."""
    store = Store(work / "corpus.duckdb")
    store.migrate()
    load_catalogues_into(store)
    try:
        yield store
    finally:
        store.close()


def _cell(value: object) -> str:
    """A cell as text: missing values alike, bytes as hex (geometry), others by str()."""
    if value is None or value is pd.NA or (isinstance(value, float) and value != value):
        return "<NA>"
    return value.hex() if isinstance(value, bytes) else str(value)


def _frame_digest(frame: pd.DataFrame) -> dict[str, object]:
    """Columns, dtypes and a hash of the rows in a stable order (the order is not pinned)."""
    rows = frame.astype(object).itertuples(index=False, name=None)
    lines = sorted("\x1f".join(map(_cell, row)) for row in rows)
    digest = hashlib.sha256("\n".join(lines).encode()).hexdigest()
    return {"columns": list(frame.columns), "dtypes": [str(t) for t in frame.dtypes],
            "rows": len(frame), "sha256": digest}  # fmt: skip


def _payload(payload: object) -> object:
    if isinstance(payload, pd.DataFrame):
        keep = [c for c in payload.columns if c != "geometry"]
        return _frame_digest(pd.DataFrame(payload[keep]))
    return None if payload is None else type(payload).__name__


def _written(store: Store, checked: Checked) -> dict[str, object]:
    """What a write of the checked file stores, in a copy of the empty database."""
    copy = store.path.with_name("written.duckdb")
    with store.cursor() as cur:
        cur.execute("CHECKPOINT")  # the copy must hold what is still in the write-ahead log
    shutil.copy(store.path, copy)
    target = Store(copy)
    try:
        entry = write_checked(target, checked, "corpus")
        with target.cursor() as cur:
            stored = cur.execute("SELECT * EXCLUDE (import_id) FROM observation ORDER BY ALL").df()
        return {"inserted": entry.inserted, "updated": entry.updated,
                "unchanged": entry.unchanged, "status": entry.status,
                "stored": _frame_digest(stored)}  # fmt: skip
    finally:
        target.close()
        copy.unlink()


def outcome(store: Store, kind: str, data: bytes, name: str, opts: Options) -> dict[str, Any]:
    """Everything the importer says and stores for one file, as plain JSON values."""
    try:
        checked = check_file(store, kind, data, name, opts)
    except ValidationError as err:
        return {"refused": [p.as_dict() for p in err.problems]}
    result: dict[str, Any] = {
        "problems": [p.as_dict() for p in checked.problems],
        "rows": checked.rows,
        "notes": checked.notes,
        "layer": checked.layer,
        "group_labels": checked.group_labels,
        "payload": _payload(checked.payload),
    }
    if checked.errors:
        try:
            write_checked(store, checked, "corpus")
        except ValidationError as err:
            result["write_refused"] = [p.as_dict() for p in err.problems]
    elif kind in WRITTEN:
        result["written"] = _written(store, checked)
    return result


# --- large files ------------------------------------------------------------------------------
LARGE_EDITS = ("text", "negative", "unknown_area", "unknown_indicator", "duplicate", "quoted",
               "padded", "ragged", "empty_line", "thousands")  # fmt: skip


def large_recipes() -> list[dict[str, Any]]:
    """Seeded edit lists on the benchmark files: one clean file of each, then mixed edits."""
    recipes: list[dict[str, Any]] = []
    rng = random.Random(17)
    for base in ("canonical", "stats"):
        recipes.append({"base": base, "edits": [], "crlf": False})
        for edit in LARGE_EDITS:
            edits = [[edit, rng.randrange(1, 10**6)] for _ in range(rng.choice((1, 1, 3, 7)))]
            recipes.append({"base": base, "edits": edits, "crlf": rng.random() < 0.3})
    return recipes


def _edit(lines: list[str], edit: str, pick: int, delimiter: str, first: int) -> None:
    """Apply one named edit to the data line chosen by ``pick`` (header lines are kept)."""
    i = first + pick % (len(lines) - first)
    cells = lines[i].split(delimiter)
    last = len(cells) - 1
    change: dict[str, Callable[[], None]] = {
        "text": lambda: cells.__setitem__(last, "viele"),
        "negative": lambda: cells.__setitem__(last, "-" + cells[last]),
        "unknown_area": lambda: cells.__setitem__(1 if first == 1 else 0, "99"),
        "unknown_indicator": lambda: cells.__setitem__(0, "gibt_es_nicht"),
        "duplicate": lambda: lines.insert(i, lines[i]),
        "quoted": lambda: cells.__setitem__(last, f'"{cells[last]}"'),
        "padded": lambda: cells.__setitem__(last, f" {cells[last]} "),
        "ragged": lambda: cells.pop(),
        "empty_line": lambda: lines.insert(i, ""),
        "thousands": lambda: cells.__setitem__(last, "1.234.567"),
    }
    change[edit]()
    if edit not in ("duplicate", "empty_line"):
        lines[i] = delimiter.join(cells)


def large_file(store: Store, recipe: dict[str, Any]) -> tuple[str, bytes, Options]:
    """Build the file of one recipe from the benchmark generators and the stored catalogue."""
    from bench.scale import canonical_csv, stats_csv  # the benchmark's own generators

    catalogue = store_catalogue(store)
    if recipe["base"] == "canonical":
        text = canonical_csv(catalogue, LARGE_ROWS).decode("utf-8")
        kind, encoding, first, opts = "observations", "utf-8", 1, Options()
    else:
        text = stats_csv(catalogue, 40).decode("cp1252")
        kind, encoding, first = "stats", "cp1252", 3
        opts = Options(indicator="bevoelkerung")
    lines = text.splitlines()
    for edit, pick in recipe["edits"]:
        _edit(lines, edit, pick, ";", first)
    ending = "\r\n" if recipe["crlf"] else "\n"
    return kind, (ending.join(lines) + ending).encode(encoding), opts


# --- fuzz samples -----------------------------------------------------------------------------
def fuzz_samples(per_format: int = PER_FORMAT) -> list[tuple[str, str, bytes, Options]]:
    """(kind, name, bytes, options) drawn deterministically from the fuzz strategies."""
    from tests import test_fuzz_imports as fz

    formats: list[tuple[str, str, Any]] = [
        ("observations", "obs.csv", fz.obs_csv()),
        ("observations", "obs.xlsx", fz.obs_xlsx()),
        ("stats", "stats.csv", fz.stats_file()),
        ("targets", "ziele.csv", fz.tgt_file()),
        ("measures", "massnahmen.csv", fz.msr_file()),
        ("areas", "gebiete.geojson", fz.geojson_file()),
    ]
    samples: list[tuple[str, str, bytes, Options]] = []
    for kind, name, strategy in formats:
        samples += _drawn(kind, name, strategy, per_format)
    return samples


def _drawn(kind: str, name: str, strategy: Any, count: int) -> list[tuple]:
    """Distinct files drawn from one strategy (hypothesis, derandomised: the same every time)."""
    from hypothesis import HealthCheck, Phase, given, settings

    found: dict[bytes, Options] = {}

    @settings(max_examples=count, derandomize=True, database=None, deadline=None,
              phases=[Phase.generate], suppress_health_check=list(HealthCheck))  # fmt: skip
    @given(sample=strategy)
    def collect(sample: tuple) -> None:
        found.setdefault(bytes(sample[1]), sample[2] if len(sample) > 2 else Options())

    collect()
    return [(kind, name, data, opts) for data, opts in found.items()]


def record(work: Path) -> dict[str, Any]:
    """Draw the corpus and record every outcome with the importer as it is now."""
    cases: list[dict[str, Any]] = []
    with catalogue_store(work) as store:
        for kind, name, data, opts in fuzz_samples():
            cases.append({"kind": kind, "name": name, "options": asdict(opts),
                          "data": base64.b64encode(data).decode(),
                          "outcome": outcome(store, kind, data, name, opts)})  # fmt: skip
        for recipe in large_recipes():
            kind, data, opts = large_file(store, recipe)
            name = f"gross_{recipe['base']}.csv"
            cases.append({"kind": kind, "name": name, "options": asdict(opts), "recipe": recipe,
                          "outcome": outcome(store, kind, data, name, opts)})  # fmt: skip
    return {"today": TODAY, "cases": cases}


def case_file(store: Store, case: dict[str, Any]) -> tuple[bytes, Options]:
    """The bytes and options of a recorded case (drawn bytes or a rebuilt large file)."""
    if "recipe" in case:
        _kind, data, opts = large_file(store, case["recipe"])
        return data, opts
    return base64.b64decode(case["data"]), Options(**case["options"])


def load() -> dict[str, Any]:
    """The recorded corpus."""
    with gzip.open(CORPUS, "rt", encoding="utf-8") as handle:
        return json.load(handle)


def main() -> None:
    """Record the corpus (run from the project root with the dev environment)."""
    import os
    import tempfile

    os.environ["LEITBILD_TODAY"] = TODAY
    with tempfile.TemporaryDirectory() as tmp:
        corpus = record(Path(tmp))
    CORPUS.parent.mkdir(exist_ok=True)
    with gzip.open(CORPUS, "wt", encoding="utf-8", compresslevel=9) as handle:
        json.dump(corpus, handle, ensure_ascii=False, sort_keys=True)
    refused = sum("refused" in c["outcome"] for c in corpus["cases"])
    print(f"{len(corpus['cases'])} cases ({refused} refused) -> {CORPUS}")


if __name__ == "__main__":
    main()
