"""The demo data are import files (data/demo), loaded by init through the import path."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pandas as pd
import pytest

from dashboard.catalogues import Catalogue
from dashboard.demo import generate
from dashboard.demo.files import DEMO_DIR, MANIFEST, render
from dashboard.demo.load import load_directory
from dashboard.errors import ValidationError
from dashboard.store import Store

KEY = ["indicator_id", "area_code", "period", "grp"]


def test_committed_files_are_the_generators_output(catalogue: Catalogue) -> None:
    """Regenerate with `python -m dashboard.demo.files` after changing the generator."""
    expected = render(catalogue)
    committed = {p.name for p in DEMO_DIR.iterdir()}
    assert committed == set(expected), "data/demo holds other files than the generator writes"
    for name, text in expected.items():
        assert (DEMO_DIR / name).read_text(encoding="utf-8") == text, f"data/demo/{name} is stale"


def test_files_load_to_exactly_what_the_generator_made(
    empty_store: Store, catalogue: Catalogue, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("LEITBILD_TODAY", "2025-11-24")  # the files' as_of day: no date moves
    counts = load_directory(empty_store, DEMO_DIR)
    demo = generate(catalogue)
    assert counts == {
        "observations": len(demo.observations),
        "targets": len(demo.targets),
        "measures": len(demo.measures),
    }
    ids = sorted(set(demo.observations["indicator_id"]))
    stored = empty_store.observations(ids).sort_values(KEY, ignore_index=True)
    want = demo.observations.sort_values(KEY, ignore_index=True)
    assert stored["is_demo"].all()
    for column in ("value", "numerator", "denominator"):
        pd.testing.assert_series_equal(stored[column], want[column], check_exact=True)
    for column in (*KEY, "flag", "source"):
        assert stored[column].tolist() == want[column].tolist(), column
    targets = empty_store.targets()
    assert targets["is_demo"].all() and (targets["created_by"] == "Demodaten").all()
    assert sorted(targets["baseline_value"].dropna()) == sorted(
        demo.targets["baseline_value"].dropna()
    )
    measures = empty_store.measures()
    assert measures["is_demo"].all() and len(measures) == len(demo.measures)
    assert len(empty_store.measure_events()) == sum(len(m["events"]) for m in demo.measures)
    # every file went through the import log, by name
    logged = set(empty_store.import_log(limit=100)["file"])
    assert {"targets.csv", "measures.csv", "observations_6_3.csv"} <= logged


def test_dates_move_to_today(
    empty_store: Store, catalogue: Catalogue, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Lateness and reviews stay current: every date moves by the days since as_of."""
    monkeypatch.setenv("LEITBILD_TODAY", "2026-01-03")  # 40 days after 2025-11-24
    load_directory(empty_store, DEMO_DIR)
    demo = {m["title"]: m for m in generate(catalogue).measures}
    for row in empty_store.measures().to_dict("records"):
        planned = demo[row["title"]]["planned_start"]
        assert pd.Timestamp(row["planned_start"]).date() == planned + dt.timedelta(days=40)


def test_a_broken_demo_file_is_refused_like_any_import(
    empty_store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("LEITBILD_TODAY", "2025-11-24")
    folder = tmp_path / "demo"
    shutil.copytree(DEMO_DIR, folder)
    path = folder / "observations_7_1.csv"
    lines = path.read_text(encoding="utf-8").splitlines()
    cells = lines[5].split(";")
    cells[1] = "Atlantis"  # an area the catalogue does not know
    lines[5] = ";".join(cells)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(ValidationError) as err:
        load_directory(empty_store, folder)
    problem = err.value.problems[0]
    assert (problem.file, problem.row, problem.column) == ("observations_7_1.csv", 6, "area")
    assert "Atlantis" in problem.found
    assert (folder / MANIFEST).is_file()
