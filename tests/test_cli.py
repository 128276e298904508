"""The command line: init, import, check, export; exit codes 0 ok, 1 invalid, 2 usage."""

from __future__ import annotations

import csv
import io
import os
import subprocess
import sys
from pathlib import Path

import openpyxl
import pytest

from dashboard.cli import main
from dashboard.store import Store
from tests.conftest import ASSETS, ROOT


@pytest.fixture
def db(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A fresh database (catalogues and tile map, no demo) set as LEITBILD_DB."""
    path = tmp_path / "cli.duckdb"
    monkeypatch.setenv("LEITBILD_DB", str(path))
    assert main(["init", "--no-demo"]) == 0
    yield path
    Store(path).close()


def _cli(*args: str, db: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "LEITBILD_DB": str(db)}
    return subprocess.run(
        [sys.executable, "-m", "dashboard", *args], capture_output=True, text=True, env=env,
        cwd=ROOT, timeout=120,
    )  # fmt: skip


def _rows(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text)))


def test_export_goals_lists_the_leitbild_structure(db: Path, capsys: pytest.CaptureFixture) -> None:
    capsys.readouterr()
    assert main(["export", "goals", "--format", "csv"]) == 0
    rows = _rows(capsys.readouterr().out)
    fields = {r["field"] for r in rows}
    assert len(fields) == 12
    leitziele = [r for r in rows if r["kind"] == "leitziel"]
    assert len(leitziele) == 45
    top_teilziele = [r for r in rows if r["kind"] == "teilziel" and not r["parent"]]
    assert len(top_teilziele) == 5 + 5 + 8 + 18 + 13 + 7
    assert len([r for r in rows if r["kind"] == "stadtteilziel"]) == 6


def test_real_stats_import_and_share_export(db: Path, muenster: Path) -> None:
    stats = muenster / "stats"
    first = _cli("import", "stats", str(stats / "ms_wohnberechtigte.csv"), "--indicator",
                 "bevoelkerung", db=db)  # fmt: skip
    assert first.returncode == 0, first.stderr
    assert "davon abweichend: 0" in first.stdout
    second = _cli("import", "stats", str(stats / "ms_migrationsvorgeschichte.csv"),
                  "--indicator", "bevoelkerung_mv", db=db)  # fmt: skip
    assert second.returncode == 0, second.stderr
    assert "davon abweichend: 0" in second.stdout
    out = _cli("export", "observations", "--indicator", "anteil_mv", db=db)
    assert out.returncode == 0, out.stderr
    share = {(r["area"], r["period"]): r for r in _rows(out.stdout)}
    assert share[("61", "2014")]["value"] == "49.7"
    assert share[("91", "2014")]["value"] == "47.8"
    assert share[("0", "2014")]["value"] == "21.7"
    assert (share[("61", "2014")]["numerator"], share[("61", "2014")]["denominator"]) == (
        "5242.0", "10555.0",
    )  # fmt: skip


def test_real_geometry_import_matches_all_codes(
    db: Path, muenster: Path, capsys: pytest.CaptureFixture
) -> None:
    path = muenster / "geo" / "stadtteile.geojson"
    assert main(["import", "areas", str(path)]) == 0
    out = capsys.readouterr().out
    assert "45 Zeilen, neu 45" in out
    assert main(["export", "areas"]) == 0
    rows = _rows(capsys.readouterr().out)
    districts = [r for r in rows if r["level"] == "stadtteil"]
    assert all(r["geometrie_amtlich_stadtteile"] == "True" for r in districts)


@pytest.mark.parametrize(
    "args",
    [["import", "pictures", "x.csv"], ["import", "stats", "x.csv"], ["export", "nothing"],
     ["check"], ["export", "observations", "--indicator", "gibts_nicht"], []],
)  # fmt: skip
def test_usage_errors_exit_2(db: Path, args: list[str], tmp_path: Path) -> None:
    sample = tmp_path / "x.csv"
    sample.write_text("a,b\n1,2\n", encoding="utf-8")
    assert main([str(sample) if a == "x.csv" else a for a in args]) == 2


def test_invalid_input_exits_1_with_every_problem(db: Path, capsys: pytest.CaptureFixture) -> None:
    assert main(["check", "targets", str(ASSETS / "targets_bad.csv")]) == 1
    err = capsys.readouterr().err
    assert err.count("Fehler: targets_bad.csv, Zeile") >= 9
    assert main(["import", "measures", str(ASSETS / "measures_bad.csv")]) == 1
    assert "nichts geändert" in capsys.readouterr().err


def test_check_writes_nothing(db: Path) -> None:
    store = Store(db)
    before = store.fingerprint()
    assert main(["check", "measures", str(ASSETS / "measures_good.csv")]) == 0
    assert store.fingerprint() == before


def test_xlsx_export_has_notes_sheet(db: Path, tmp_path: Path) -> None:
    out = tmp_path / "m.xlsx"
    assert main(["import", "measures", str(ASSETS / "measures_good.csv")]) == 0
    assert main(["export", "measures", "--format", "xlsx", "--out", str(out)]) == 0
    book = openpyxl.load_workbook(out)
    assert book.sheetnames == ["Maßnahmen", "Historie", "Hinweise"]
    assert book["Maßnahmen"].max_row == 4


def test_locked_database_is_explained(db: Path) -> None:
    holder = Store(db)  # this process holds the file, as the running app would
    result = _cli("export", "goals", db=db)
    holder.close()
    assert result.returncode == 1
    assert "anderen Prozess" in result.stderr and "Traceback" not in result.stderr
