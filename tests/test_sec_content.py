"""Issue 20, items 9 and 10: CSV formulas after line breaks, and images/links in user Markdown."""

from __future__ import annotations

import datetime as dt
import re
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from dashboard.catalogues import Catalogue
from dashboard.escaping import user_markdown
from dashboard.exports import export_tables, frame_files, neutralise, to_csv
from dashboard.ingest.measures import parse_measures
from dashboard.ingest.tables import read_table
from dashboard.reports.protocol_export import markdown_bytes
from dashboard.services.measure_edit import validate
from dashboard.store import Store
from tests.auth_helpers import log_in
from tests.conftest import ROOT

ATTACK = "Sprachcafe Coerde\r=1+1\r@SUM(9)"
STARTS = ("=", "+", "-", "@", "＝", "＋", "－", "＠")
TODAY = dt.date(2025, 11, 24)


def spreadsheet_records(text: str) -> list[list[str]]:
    """Split CSV as a spreadsheet program does: any unquoted CR or LF ends a record."""
    records: list[list[str]] = [[]]
    cell, quoted, i = "", False, 0
    while i < len(text):
        ch = text[i]
        if quoted:
            if ch == '"' and text[i + 1 : i + 2] == '"':
                cell, i = cell + '"', i + 1
            elif ch == '"':
                quoted = False
            else:
                cell += ch
        elif ch == '"':
            quoted = True
        elif ch == ",":
            records[-1].append(cell)
            cell = ""
        elif ch in "\r\n":
            records[-1].append(cell)
            cell = ""
            if ch == "\r" and text[i + 1 : i + 2] == "\n":
                i += 1
            records.append([])
        else:
            cell += ch
        i += 1
    if cell or records[-1]:
        records[-1].append(cell)
    return [r for r in records if r]


def runs_formula(cell: str) -> bool:
    """Whether a line of the cell would start a formula (after spaces, also full-width)."""
    for line in re.split(r"\r\n|\r|\n", cell):
        stripped = line.lstrip(" \t\u3000")
        if stripped.startswith(STARTS):
            try:
                float(stripped)
            except ValueError:
                return True
    return False


@pytest.mark.parametrize(
    "text", [ATTACK, "a\n=1+1", "a\r\n-2+3", " =1+1", "\u3000=1", "＝1+1", "x\r  @SUM(1)"]
)
def test_csv_never_starts_a_formula_or_a_row_inside_a_cell(text: str) -> None:
    frame = pd.DataFrame({"Titel": [text], "Nr.": [7]})
    records = spreadsheet_records(to_csv(neutralise(frame)).decode("utf-8"))
    assert len(records) == 2, records  # header and one row: no row break inside the cell
    assert records[1][1] == "7"
    assert not runs_formula(records[1][0]), records[1][0]


def test_shown_table_downloads_are_safe_too() -> None:
    frame = pd.DataFrame({"Titel": [ATTACK]})
    csv, _ = frame_files(frame, "Register", pd.DataFrame({"Thema": [], "Hinweis": []}))
    records = spreadsheet_records(csv.decode("utf-8"))
    assert len(records) == 2 and not runs_formula(records[1][0])


def test_register_export_of_a_stored_attack_title(demo_store: Store) -> None:
    measure = demo_store.measure(1)
    assert measure is not None
    demo_store.update_measure(1, int(measure["version"]), {"title": ATTACK}, "x", None)
    csv = to_csv(export_tables(demo_store, "measures")["Maßnahmen"]).decode("utf-8")
    records = spreadsheet_records(csv)
    assert len(records) == 1 + demo_store.summary()["measures"]
    assert not [c for r in records for c in r if runs_formula(c)]


@pytest.mark.parametrize("field", ["title", "contact", "partners", "next_step"])
@pytest.mark.parametrize("bad", ["\r", "\n", "\x00", "\x1b", "\t", "\u2028"])
def test_form_refuses_control_characters_in_single_line_fields(
    catalogue: Catalogue, field: str, bad: str
) -> None:
    values = {"title": "Sprachcafé", "status": "geplant", "fields": ["8.2"], "progress": 0}
    values[field] = f"Sprachcafe{bad}=1+1"
    problems = validate(values, catalogue, TODAY)
    assert [p for p in problems if p[0] == field], problems


def test_multi_line_fields_keep_their_line_breaks(catalogue: Catalogue) -> None:
    values = {"title": "Sprachcafé", "status": "geplant", "fields": ["8.2"], "progress": 0,
              "description": "Zeile 1\nZeile 2\r\nZeile 3", "notes": "a\nb"}  # fmt: skip
    assert validate(values, catalogue, TODAY) == []


def test_import_refuses_control_characters_in_a_title(catalogue: Catalogue) -> None:
    data = b'title;status;fields\n"Sprachcafe\r=1+1";geplant;8.2\n'
    table = read_table(data, "massnahmen.csv")
    _, problems = parse_measures(table, catalogue, TODAY)
    assert [p for p in problems if p.column == "title"], problems


# --- item 10: user Markdown without images and with safe link schemes only -----------------
IMAGE = re.compile(r"!\[")
UNSAFE_LINK = re.compile(r"(?<!\\)\]\(\s*<?(?!https?://|mailto:)[A-Za-z][\w+.-]*:", re.I)
UNSAFE_DEFINITION = re.compile(r"^ {0,3}\[[^\]]+\]:\s*<?(?!https?://|mailto:)\w+:", re.I | re.M)
MARKDOWN_ATTACKS = [
    "![x](http://127.0.0.1:9/track.png)",
    "Text ![x][r]\n\n[r]: http://127.0.0.1:9/t.png",
    "[klick](javascript:alert(1))",
    "[klick](  <JavaScript:alert(1)>)",
    "[datei](file:///etc/passwd)",
    "[a][b]\n\n[b]: javascript:alert(1)",
    "<javascript:alert(1)>",
    "![![x](http://a/b.png)](http://c/d.png)",
]


def unsafe(markdown: str) -> list[str]:
    """Images and links with unsafe schemes that a CommonMark renderer would produce."""
    found = IMAGE.findall(markdown) + UNSAFE_LINK.findall(markdown)
    found += UNSAFE_DEFINITION.findall(markdown)
    found += re.findall(r"(?<!\\)<[a-z]+:", markdown, re.I)
    return found


@pytest.mark.parametrize("text", MARKDOWN_ATTACKS)
def test_user_markdown_has_no_images_and_no_unsafe_links(text: str) -> None:
    assert not unsafe(user_markdown(text)), user_markdown(text)


def test_user_markdown_keeps_safe_links_and_formatting() -> None:
    text = "**fett** und [Seite](https://www.muenster.de) oder [Mail](mailto:a@b.de)\n- Punkt"
    assert user_markdown(text) == text


@pytest.mark.parametrize("text", MARKDOWN_ATTACKS)
def test_protocol_markdown_export_drops_unsafe_links(text: str) -> None:
    assert not unsafe(markdown_bytes(f"# Protokoll\n\n{text}\n").decode("utf-8"))


def _markdown_bodies(node: Any) -> Iterator[str]:
    proto = getattr(node, "proto", None)
    if proto is not None and proto.DESCRIPTOR.name == "Markdown":
        yield proto.body
    for child in (getattr(node, "children", None) or {}).values():
        yield from _markdown_bodies(child)


@pytest.fixture
def attack_db(demo_db_template: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The demo data with Markdown attacks in every free-text field of measure 1."""
    path = tmp_path / "md.duckdb"
    shutil.copy(demo_db_template, path)
    store = Store(path)
    try:
        m = store.measure(1)
        assert m is not None
        fields = ("title", "description", "contact", "partners", "next_step", "notes")
        changes = {f: f"{f} {MARKDOWN_ATTACKS[0]} {MARKDOWN_ATTACKS[2]}" for f in fields}
        changes["description"] = "\n\n".join(MARKDOWN_ATTACKS)
        version = store.update_measure(1, int(m["version"]), changes, "x", MARKDOWN_ATTACKS[0])
        store.update_measure(1, version, {}, "x", MARKDOWN_ATTACKS[3], kind="kommentar")
        store.save_protocol(dt.date(2025, 11, 24), "\n\n".join(MARKDOWN_ATTACKS), "x")
    finally:
        store.close()
    monkeypatch.setenv("LEITBILD_DB", str(path))
    monkeypatch.setenv("LEITBILD_TODAY", "2025-11-24")
    return path


@pytest.mark.parametrize(
    ("page", "query"),
    [("massnahmen.py", {"id": "1"}), ("review.py", {}), ("handlungsfelder.py", {"gebiet": "91"})],
)
def test_pages_render_user_markdown_without_images(
    attack_db: Path, fresh_caches: None, page: str, query: dict[str, str]
) -> None:
    at = AppTest.from_file(str(ROOT / "pages" / page), default_timeout=180)
    for key, value in query.items():
        at.query_params[key] = value
    if page == "review.py":  # saved protocols are shown to editors and admins
        log_in(at, "md-admin", "admin", run=False)
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    bodies = list(_markdown_bodies(at._tree))
    assert any("track.png" in b for b in bodies)  # the text is shown, as text
    leaks = [b[:100] for b in bodies if unsafe(b)]
    assert not leaks, leaks
