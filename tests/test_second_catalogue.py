"""The Leitbild is data: another city's strategy runs every page and export without code changes.

tests/fixtures/second_catalogue is an invented "Beispielstadt" (three fields A, B, C, goal ids
like ``A.L1``, six Stadtteile N1–S3, its own tile map and demo files), selected by the setting
``LEITBILD_CATALOGUE_DIR``.
"""

from __future__ import annotations

import io
import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from dashboard import cli
from dashboard.bootstrap import initialise
from dashboard.store import Store
from tests.conftest import ROOT

SECOND = ROOT / "tests" / "fixtures" / "second_catalogue"
APP = str(ROOT / "dashboard" / "app.py")
PAGES = sorted(p.name for p in (ROOT / "pages").glob("*.py"))
# what the Beispielstadt's pages show (and Münster's never do)
LABELS = ("Ankommen", "Arbeit", "Quartier", "Altmühlen", "Fichtenau", "Einwohnende")
MUENSTER = ("Berg Fidel", "Coerde", "anteil_mv", "bevoelkerung")


@pytest.fixture(scope="module")
def second_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A database initialised with the second catalogue and its demo files."""
    path = tmp_path_factory.mktemp("second") / "second.duckdb"
    before = os.environ.get("LEITBILD_CATALOGUE_DIR")
    os.environ["LEITBILD_CATALOGUE_DIR"] = str(SECOND)
    try:
        store = Store(path)
        messages = initialise(store, demo=True)
        store.close()
    finally:
        if before is None:
            del os.environ["LEITBILD_CATALOGUE_DIR"]
        else:
            os.environ["LEITBILD_CATALOGUE_DIR"] = before
    assert any("3 Handlungsfelder" in m for m in messages), messages
    return path


@pytest.fixture
def second_db(
    second_template: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fresh_caches: None
) -> Iterator[Path]:
    """A private copy, selected as the database and the catalogue."""
    path = tmp_path / "second.duckdb"
    shutil.copy(second_template, path)
    monkeypatch.setenv("LEITBILD_DB", str(path))
    monkeypatch.setenv("LEITBILD_CATALOGUE_DIR", str(SECOND))
    yield path


def test_init_loads_the_second_catalogue(second_db: Path) -> None:
    store = Store(second_db)
    try:
        summary = store.summary()
        fields = store.catalogue("field")
    finally:
        store.close()
    assert (summary["fields"], summary["areas"], summary["indicators"]) == (3, 9, 6)
    assert list(fields["id"]) == ["A", "B", "C"]
    assert summary["observations"] > 0


def _texts(at: AppTest) -> str:
    """Every text an AppTest shows (markdown, captions, titles, metrics, tables, widgets)."""
    parts: list[str] = []
    for kind in ("markdown", "caption", "title", "header", "subheader", "info", "warning"):
        parts += [str(e.value) for e in at.get(kind)]
    parts += [f"{m.label} {m.value}" for m in at.metric]
    for kind in ("selectbox", "multiselect", "radio"):
        for widget in at.get(kind):
            parts += [str(o) for o in getattr(widget, "options", [])]
    for frame in at.dataframe:
        parts.append(frame.value.to_string())
    return "\n".join(parts)


@pytest.mark.parametrize("page", PAGES)
def test_every_page_renders_the_second_catalogue(second_db: Path, page: str) -> None:
    at = AppTest.from_file(APP, default_timeout=90)
    at.switch_page(str(ROOT / "pages" / page))
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    assert not at.error, [e.value for e in at.error]
    text = _texts(at)
    assert any(label in text for label in LABELS), f"{page} shows none of {LABELS}"
    shown = [name for name in MUENSTER if name in text]
    assert not shown, f"{page} shows Münster's {shown}"


@pytest.mark.parametrize("kind", ["observations", "goals", "indicators", "measures", "areas"])
@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_every_export_works(second_db: Path, tmp_path: Path, kind: str, fmt: str) -> None:
    out = tmp_path / f"{kind}.{fmt}"
    assert cli.main(["export", kind, "--format", fmt, "--out", str(out)]) == 0
    data = out.read_bytes()
    if fmt == "xlsx":
        frame = pd.read_excel(io.BytesIO(data))
    else:
        frame = pd.read_csv(io.BytesIO(data), sep=None, engine="python")
    assert len(frame) > 0
    text = frame.to_string()
    assert "Münster" not in text and "Berg Fidel" not in text
    if kind in ("observations", "areas"):
        assert "N1" in text or "Altmühlen" in text


def test_the_headline_share_is_derived_from_the_catalogues_parts(second_db: Path) -> None:
    out = second_db.parent / "share.csv"
    assert cli.main(["export", "observations", "--indicator", "quote_zugewandert",
                     "--out", str(out)]) == 0  # fmt: skip
    frame = pd.read_csv(out, sep=None, engine="python")
    assert len(frame) == 9 * 6  # nine areas, six years


def test_district_profile_pdf(second_db: Path, tmp_path: Path) -> None:
    out = tmp_path / "profil.pdf"
    assert cli.main(["profil", "--stadtteil", "Altmühlen", "--out", str(out), "--ohne-karte"]) == 0
    assert out.read_bytes()[:4] == b"%PDF"


@pytest.mark.parametrize("suffix", [".pptx", ".pdf"])
def test_default_deck(second_db: Path, tmp_path: Path, suffix: str) -> None:
    from tests.browser import require_chromium

    require_chromium()
    out = tmp_path / f"deck{suffix}"
    assert cli.main(["deck", "--out", str(out)]) == 0
    if suffix == ".pptx":
        from pptx import Presentation

        titles = [s.shapes.title.text for s in Presentation(str(out)).slides]
        assert any(t.startswith("A ") for t in titles), titles  # field A, by its own numbering
        assert any("Altmühlen" in t for t in titles), titles  # the declared deck district
        assert not any("Berg Fidel" in t or "Coerde" in t for t in titles)
    else:
        assert out.read_bytes()[:4] == b"%PDF"


def test_a_district_without_goals_names_the_catalogues_districts(second_db: Path) -> None:
    at = AppTest.from_file(APP, default_timeout=90)
    at.query_params["stadtteil"] = "S3"
    at.switch_page(str(ROOT / "pages" / "stadtteil.py"))
    at.run()
    assert not at.exception
    infos = " ".join(str(i.value) for i in at.info)
    assert "Stadtteilziele bisher für Altmühlen (1 Ziel)" in infos
    assert "Berg Fidel" not in infos and "Coerde" not in infos


def _broken_copy(tmp_path: Path, name: str, old: str, new: str) -> Path:
    folder = tmp_path / "catalogue"
    shutil.copytree(SECOND, folder)
    path = folder / name
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return folder


@pytest.mark.parametrize(
    ("name", "old", "new", "column", "found"),
    [
        ("leitbild.yaml", 'id: "B"', 'id: "7.1"', "id", "7.1"),  # Münster's numbering here
        ("leitbild.yaml", '{id: "B.L1"', '{id: "B-L1"', "id", "B-L1"),
        ("areas.yaml", 'code: "S3"', 'code: "61"', "code", "61"),
        ("indicators.yaml", 'areas: ["N1", "S2"]', 'areas: ["N1", "91"]', "areas", "91"),
        ("indicators.yaml", "indicators: [einwohnende]", "indicators: [einwohnende, zugewanderte]",
         "indicators", "zugewanderte"),
    ],
)  # fmt: skip
def test_the_catalogues_own_rules_are_checked(
    tmp_path: Path, name: str, old: str, new: str, column: str, found: str
) -> None:
    from dashboard.catalogues import load_catalogues
    from dashboard.errors import ValidationError

    folder = _broken_copy(tmp_path, name, old, new)
    with pytest.raises(ValidationError) as err:
        load_catalogues(folder)
    hits = [p for p in err.value.problems if p.file == name and p.column == column]
    assert hits and found in hits[0].found, err.value.problems


def test_the_city_keeps_the_code_the_analyses_expect(tmp_path: Path) -> None:
    from dashboard.catalogues import load_catalogues
    from dashboard.errors import ValidationError

    city = "level: stadt"
    folder = _broken_copy(tmp_path, "areas.yaml", f'code: "0", {city}', f'code: "X", {city}')
    with pytest.raises(ValidationError) as err:
        load_catalogues(folder)
    assert any(p.column == "code" and "X" in p.found for p in err.value.problems)
