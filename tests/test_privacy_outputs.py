"""Every output path keeps small cells secret: pages, downloads and CLI exports.

The check is differential. Two databases are built from the demo data by the real import path
("twins"): they differ ONLY in cells that disclosure control must hide — a count below the
threshold (1 vs 2), a share with a small numerator, a share whose denominator is below 20 —
and in the cell that secondary suppression hides beside each of them, changed so that every
visible total stays the same. If any output (page elements incl. plotly specs and hover text,
downloads, CLI exports) differs between the twins, a hidden value escaped, directly or as
"total minus the visible parts". A direct check on the released frame adds the plain
threshold rules. To cover a new output path, add it to PAGE_VIEWS or CLI_OUTPUTS below; a page
or CLI command missing from them fails ``test_every_output_path_is_enumerated``.
"""

from __future__ import annotations

import ast
import io
import re
import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pandas as pd
import pytest
import streamlit as st
from streamlit.elements.widgets import button as st_button
from streamlit.testing.v1 import AppTest

from dashboard.catalogues import Catalogue
from dashboard.cli import main as cli_main
from dashboard.imports import check_file, store_catalogue, write_checked
from dashboard.readmodel import released_observations
from dashboard.store import Store
from tests.conftest import ROOT

PERIOD = 2025


@dataclass(frozen=True)
class Twin:
    """Cells of one indicator under one parent, as (twin A, twin B) values.

    ``field`` is the additive quantity: ``value`` for counts, ``numerator`` for stored shares
    (whose value is recomputed as numerator / denominator × 100). ``denominators`` overrides
    denominators in both twins alike.
    """

    indicator: str
    parent: str
    cells: dict[str, tuple[float, float]]
    field: str = "value"
    denominators: dict[str, float] | None = None


TWINS = [
    # a count of 1 vs 2 in Coerde; Sprakel is the cell secondary suppression hides beside it
    Twin("bevoelkerung_auslaender", "B3", {"61": (1, 2), "63": (5338, 5338), "68": (459, 458)}),
    # a share whose numerator is a small count (Teilbereich 1 Altstadt)
    Twin(
        "sgb2_kinder_u15",
        "1",
        {"11": (7, 7), "12": (1, 2), "13": (6, 6), "14": (4, 3), "15": (8, 8)},
        field="numerator",
    ),
    # a share whose denominator is below min_denominator (95 Hiltrup-Ost), 96 hidden beside it
    Twin(
        "sgb2_kinder_u15",
        "B6",
        {"91": (334, 334), "95": (7, 8), "96": (112, 111)},
        field="numerator",
        denominators={"95": 17},
    ),
]

# Every page and the views (URL parameters) that show the twins' cells.
PAGE_VIEWS: dict[str, list[dict[str, str]]] = {
    "start.py": [{}],
    "karte.py": [
        {"indikator": "bevoelkerung_auslaender", "periode": str(PERIOD)},
        {"indikator": "anteil_auslaender", "periode": str(PERIOD)},
        {"indikator": "sgb2_kinder_u15", "periode": str(PERIOD)},
        {"ansicht": "sozialindex"},
    ],
    # the secondary cells (68, 96) appear in the district tables, maps and comparisons
    "stadtteil.py": [{"stadtteil": "61"}, {"stadtteil": "95"}],
    "ziele.py": [{"gebiet": "61"}],
    "handlungsfelder.py": [{"gebiet": "61"}],
    "massnahmen.py": [{}],
    "indikator.py": [
        {"id": "bevoelkerung_auslaender", "stadtteil": "61"},
        {"id": "sgb2_kinder_u15", "stadtteil": "68"},
    ],
    "review.py": [{}],
    "praesentation.py": [{}],
    # closed without the import right: a viewer sees only why (the preview's stored values are
    # for data stewards, who may see what they overwrite)
    "daten.py": [{}],
}
# CLI commands that write data out: argv after `python -m dashboard`; "{dir}" is a temp folder.
CLI_OUTPUTS: dict[str, list[list[str]]] = {
    "export": [
        ["export", "observations", "--out", "{dir}/alle.csv"],  # XLSX: same table, see c.xlsx
        ["export", "observations", "--indicator", "anteil_auslaender", "--out", "{dir}/a.csv"],
        ["export", "observations", "--area", "Coerde", "--format", "xlsx", "--out", "{dir}/c.xlsx"],
    ],
    # the default deck has the districts Berg Fidel and Coerde (61, a twin cell)
    "deck": [["deck", "--out", "{dir}/deck.pptx"], ["deck", "--out", "{dir}/deck.pdf"]],
    # the district profile PDF (runs once dashboard.cli loads dashboard.commands.profile)
    "profil": [["profil", "--stadtteil", "Coerde", "--ohne-karte", "--out", "{dir}/profil.pdf"]],
}
# commands that write no statistics, or the whole database for admins only (backups)
CLI_NOT_OUTPUTS = {"init", "import", "check", "user", "backup"}


def _twin_csv(store: Store, catalogue: Catalogue, variant: int) -> bytes:
    """The twins' cells in the canonical import format (one file for every twin)."""
    rows = []
    for twin in TWINS:
        stored = store.observations([twin.indicator])
        stored = stored[(stored["period"] == PERIOD) & (stored["grp"] == "insgesamt")]
        by_area = stored.set_index("area_code")
        parts = {code: cell[variant] for code, cell in twin.cells.items()}
        children = [c for c in catalogue.areas["code"] if c in by_area.index]
        kids = [c for c in children if _parent(catalogue, c) == twin.parent]
        total = sum(parts.get(c, by_area.at[c, twin.field]) for c in kids)
        for code in [twin.parent, *kids]:
            row = by_area.loc[code]
            quantity = total if code == twin.parent else parts.get(code, row[twin.field])
            record = {"value": row["value"], "numerator": row["numerator"]}
            record["denominator"] = (twin.denominators or {}).get(code, row["denominator"])
            record[twin.field] = quantity
            if twin.field == "numerator":
                record["value"] = record["numerator"] / record["denominator"] * 100
            rows.append(
                {
                    "indicator": twin.indicator, "area": code, "period": PERIOD,
                    "group": "insgesamt", **record, "flag": row["flag"] or "",
                    "source": row["source"],
                }
            )  # fmt: skip
    return pd.DataFrame(rows).to_csv(index=False).encode()


def _parent(catalogue: Catalogue, code: str) -> str | None:
    areas = catalogue.areas.set_index("code")
    parent = areas.at[code, "parent_code"]
    return parent if isinstance(parent, str) else None


@pytest.fixture(scope="module")
def twins(demo_db_template: Path, tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    """Two databases that differ only in cells disclosure control must hide."""
    paths = []
    for variant in (0, 1):
        path = tmp_path_factory.mktemp(f"twin{variant}") / "twin.duckdb"
        shutil.copy(demo_db_template, path)
        store = Store(path)
        catalogue = store_catalogue(store)
        data = _twin_csv(store, catalogue, variant)
        checked = check_file(store, "observations", data, "zwilling.csv")
        checked.sha256 = "0" * 64  # the file differs on purpose; its log entry must not
        write_checked(store, checked, "privacy-test")
        store.close()
        paths.append(path)
    return paths


@pytest.fixture(autouse=True)
def fixed_day(fresh_caches: None, monkeypatch: pytest.MonkeyPatch) -> None:
    """Clean caches per run, a fixed 'today' (demo measures depend on it)."""
    monkeypatch.setenv("LEITBILD_TODAY", "2026-03-02")


# --- collecting what an output shows ------------------------------------------------------------
# no word boundary before a timestamp: inside a table's Arrow bytes it follows an escaped byte
# ("\000") or the previous row's text, and the two twins' imports may fall in different minutes
VOLATILE = [
    (re.compile(r"\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}(:\d{2}(\.\d+)?)?"), "<timestamp>"),
    (re.compile(r"\d{1,2}\.\d{1,2}\.\d{4},? \d{1,2}:\d{2}(:\d{2})?"), "<timestamp>"),
    (re.compile(r"/mock/media/[0-9a-f]+\.\w+"), "<media>"),
    (re.compile(r'deferred_file_id: "[0-9a-f]+"'), "<deferred>"),
    (re.compile(r'uuid: "[0-9a-f]+"'), "<uuid>"),  # pandas Styler ids
    (re.compile(r"T_[0-9a-f]{5}_"), "T_<uuid>_"),
    # a short link's code is drawn at random per database (store/short_links.py), not from data
    (re.compile(r"\?l=[A-Za-z0-9_-]+"), "?l=<code>"),
]


def _normalise(text: str) -> str:
    for pattern, replacement in VOLATILE:
        text = pattern.sub(replacement, text)
    return text


def file_text(name: str, data: bytes) -> str:
    """The content of a produced file as comparable text (XLSX/DOCX/PPTX/PDF unpacked)."""
    suffix = Path(name).suffix.lower()
    if suffix == ".xlsx":
        import openpyxl

        book = openpyxl.load_workbook(io.BytesIO(data), data_only=False)
        return "\n".join(
            f"[{ws.title}] " + repr(list(row)) for ws in book.worksheets for row in ws.values
        )
    if suffix == ".docx":
        import docx

        document = docx.Document(io.BytesIO(data))
        cells = [c.text for t in document.tables for r in t.rows for c in r.cells]
        return "\n".join([p.text for p in document.paragraphs] + cells)
    if suffix == ".pptx":
        return _pptx_text(data)
    if suffix == ".pdf":
        from pypdf import PdfReader

        return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)
    return data.decode("utf-8", "replace")


def _pptx_text(data: bytes) -> str:
    import hashlib

    from pptx import Presentation

    parts = []
    for slide in Presentation(io.BytesIO(data)).slides:
        for shape in slide.shapes:
            if shape.has_text_frame:
                parts.append(shape.text_frame.text)
            if getattr(shape, "has_table", False) and shape.has_table:
                parts += [c.text for r in shape.table.rows for c in r.cells]
            if shape.shape_type == 13:  # picture: charts are rendered images
                parts.append(hashlib.sha256(shape.image.blob).hexdigest())
    return "\n".join(parts)


def _walk(node: Any, path: str) -> Iterator[tuple[str, Any]]:
    children = getattr(node, "children", None)
    proto = getattr(node, "proto", None)
    if proto is not None:
        yield path, proto
    if children:
        for key, child in children.items():
            yield from _walk(child, f"{path}/{key}")


@pytest.fixture
def downloads(monkeypatch: pytest.MonkeyPatch) -> dict[str, bytes]:
    """Every file handed to a download button during the runs, by file name."""
    captured: dict[str, bytes] = {}
    original = st_button.marshall_file

    def record(coordinates: str, data: Any, proto: Any, mimetype: Any, file_name: Any = None,
               **kwargs: Any) -> None:  # fmt: skip
        content = data() if callable(data) else data
        if isinstance(content, str):
            content = content.encode()
        elif hasattr(content, "read"):
            content = content.read()
        captured[f"{file_name}@{coordinates}"] = bytes(content)
        original(coordinates, data, proto, mimetype, file_name, **kwargs)

    monkeypatch.setattr(st_button, "marshall_file", record)
    return captured


def page_outputs(page: str, query: dict[str, str], downloads: dict[str, bytes]) -> dict[str, str]:
    """Everything one page view shows: every element's proto, then each download's content."""
    downloads.clear()
    at = AppTest.from_file(str(ROOT / "pages" / page), default_timeout=180)
    for key, value in query.items():
        at.query_params[key] = value
    at.run()
    assert not at.exception, f"{page} {query}: {[e.value for e in at.exception]}"
    shown = {path: _normalise(str(proto)) for path, proto in _walk(at._tree, page)}
    for name, data in downloads.items():
        shown[f"download {name}"] = _normalise(file_text(name.split("@")[0], data))
    return shown


def cli_outputs(argv: list[str], tmp: Path) -> str:
    """What one CLI export writes."""
    args = [a.replace("{dir}", str(tmp)) for a in argv]
    out = Path(args[args.index("--out") + 1])
    out.unlink(missing_ok=True)
    assert cli_main(args) == 0
    return _normalise(file_text(out.name, out.read_bytes()))


def _differences(a: dict[str, str], b: dict[str, str]) -> list[str]:
    """Paths whose content differs, each with the first differing lines."""
    import difflib

    out = []
    for key in sorted(set(a) | set(b)):
        if a.get(key) != b.get(key):
            lines = difflib.unified_diff(
                (a.get(key) or "").splitlines(), (b.get(key) or "").splitlines(), n=0, lineterm=""
            )
            out.append(f"{key}: " + " | ".join(list(lines)[2:6])[:600])
    return out


# --- the enumeration is complete ------------------------------------------------------------------
def _app_pages() -> set[str]:
    tree = ast.parse((ROOT / "dashboard" / "app.py").read_text())
    return {
        node.args[0].value
        for node in ast.walk(tree)
        if isinstance(node, ast.Call)
        and getattr(node.func, "id", None) == "PageSpec"
        and isinstance(node.args[0], ast.Constant)
    }


def _cli_commands() -> set[str]:
    import argparse

    from dashboard.cli import _parser

    parser = _parser()
    sub = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    return set(sub.choices)


def test_every_output_path_is_enumerated() -> None:
    pages = {p.name for p in (ROOT / "pages").glob("*.py")} | _app_pages()
    missing = sorted(pages - set(PAGE_VIEWS))
    assert not missing, f"pages without privacy views in PAGE_VIEWS: {missing}"
    commands = _cli_commands()
    unknown = sorted(commands - set(CLI_OUTPUTS) - CLI_NOT_OUTPUTS)
    assert not unknown, f"CLI commands not enumerated in CLI_OUTPUTS: {unknown}"


# --- the twins differ in hidden cells only -------------------------------------------------------
def test_twins_differ_only_in_hidden_cells(twins: list[Path]) -> None:
    stored, released = [], []
    for path in twins:
        store = Store(path)
        catalogue = store_catalogue(store)
        stored.append(store.observations(list(catalogue.indicators["id"])))
        released.append(released_observations(store, catalogue))
        store.close()
    changed = (stored[0]["value"] != stored[1]["value"]) & stored[0]["value"].notna()
    assert changed.sum() >= 6  # the perturbation really happened
    pd.testing.assert_frame_equal(released[0], released[1])


def test_released_values_keep_the_thresholds(twins: list[Path]) -> None:
    store = Store(twins[0])
    catalogue = store_catalogue(store)
    frame = released_observations(store, catalogue)
    store.close()
    kind = frame["indicator_id"].map(catalogue.indicators.set_index("id")["kind"])
    shown = frame["value"].notna()
    assert not (shown & (kind == "count") & (frame["value"] > 0) & (frame["value"] < 3)).any()
    small_num = frame["numerator"].notna() & (frame["numerator"] > 0) & (frame["numerator"] < 3)
    assert not small_num.any()
    ratio = kind.isin(["share", "rate"])
    assert not (shown & ratio & frame["denominator"].notna() & (frame["denominator"] < 20)).any()
    small_den = frame["denominator"].notna() & (frame["denominator"] > 0)
    assert not (small_den & (frame["denominator"] < 3)).any()


# --- pages and their downloads -----------------------------------------------------------------
PAGE_CASES = [(page, query) for page, views in PAGE_VIEWS.items() for query in views]


@pytest.mark.parametrize(
    ("page", "query"), PAGE_CASES, ids=[f"{p}-{'&'.join(q.values())}" for p, q in PAGE_CASES]
)
def test_page_outputs_do_not_depend_on_hidden_cells(
    twins: list[Path],
    page: str,
    query: dict[str, str],
    downloads: dict[str, bytes],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    if not (ROOT / "pages" / page).exists():
        pytest.skip(f"{page} not written yet")
    shown = []
    for path in twins:
        monkeypatch.setenv("LEITBILD_DB", str(path))
        st.cache_data.clear()
        st.cache_resource.clear()
        shown.append(page_outputs(page, query, downloads))
    assert shown[0], "the page showed nothing"
    differing = _differences(*shown)
    assert not differing, "hidden cells show through in:\n" + "\n".join(differing[:8])


# --- CLI exports ---------------------------------------------------------------------------------
CLI_CASES = [argv for argvs in CLI_OUTPUTS.values() for argv in argvs]


@pytest.mark.parametrize("argv", CLI_CASES, ids=[Path(a[-1]).name for a in CLI_CASES])
def test_cli_exports_do_not_depend_on_hidden_cells(
    twins: list[Path], argv: list[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    if argv[0] not in _cli_commands():
        pytest.skip(f"`{argv[0]}` is not a CLI command (yet)")
    written = []
    for path in twins:
        monkeypatch.setenv("LEITBILD_DB", str(path))
        written.append(cli_outputs(argv, tmp_path))
    differing = _differences({"out": written[0]}, {"out": written[1]})
    assert not differing, differing
