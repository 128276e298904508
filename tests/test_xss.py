"""No text from data or users is rendered as HTML, and exports neutralise formulas.

Payloads go into every free-text field (measure title, description, contact, partners, next
step, notes, event comments and actors, organisation names, target notes and reasons, review
protocols, deck names, import file names). Every page is then checked in AppTest: no element
that renders HTML (st.html, Markdown with unsafe_allow_html, plotly text/hover, iframes) holds
a raw payload. Exports and downloads must not carry formulas or raw HTML in Markdown. One
browser test proves no injected element or script runs on the measures page.
"""

from __future__ import annotations

import datetime as dt
import io
import json
import re
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from streamlit.testing.v1 import AppTest

from dashboard.errors import ValidationError
from dashboard.exports import FORMULA_PREFIXES, export_tables, to_csv, to_xlsx
from dashboard.imports import check_file, write_checked
from dashboard.store import Store
from tests.auth_helpers import log_in
from tests.conftest import ASSETS, ROOT
from tests.test_privacy_outputs import PAGE_VIEWS, _walk, downloads  # noqa: F401 (fixture)

SCRIPT = "<script>window.__xss=1</script>"
IMG = '<img src=x onerror="window.__xss=2">'
PAYLOAD = f"Sprachcafé {SCRIPT}{IMG}"
FORMULA = f'=HYPERLINK("http://example.invalid","klick") {IMG}'
RAW_MARKERS = ("<script", "<img")
RAW_TAG = re.compile(r"(?<!\\)<(script|img)", re.IGNORECASE)  # unescaped in Markdown
SHOWN = re.compile(r"window\.(__|\\+_\\+_)xss")
TEXT_FIELDS = ("title", "contact", "partners", "next_step", "notes")
REVIEW_DAY = dt.date(2026, 3, 2)


def _payload_db(template: Path, target: Path) -> dict[str, Any]:
    """Copy the demo database and put payloads into every free-text field."""
    shutil.copy(template, target)
    store = Store(target)
    try:
        measure = store.measure(1)
        assert measure is not None
        changes: dict[str, Any] = {f: f"{PAYLOAD} {f}" for f in TEXT_FIELDS}
        changes["description"] = FORMULA
        version = store.update_measure(1, int(measure["version"]), changes, PAYLOAD, PAYLOAD)
        store.update_measure(1, version, {}, PAYLOAD, f"{PAYLOAD} Kommentar", kind="kommentar")
        store.upsert_organisations([(str(measure["organisation_id"]), PAYLOAD, None)])
        targets = store.targets()
        row = targets[targets["area_code"] == "91"].iloc[0].to_dict()
        new = {k: row[k] for k in row if k not in ("id", "version", "active")}
        new["note"] = f"{PAYLOAD} Zielnotiz"
        store.replace_target(int(row["id"]), int(row["version"]), new, PAYLOAD, PAYLOAD)
        store.save_protocol(REVIEW_DAY, f"# Protokoll\n\n{PAYLOAD}\n\n{FORMULA}\n", PAYLOAD)
        if hasattr(store, "save_deck"):
            from dashboard.imports import store_catalogue
            from dashboard.reports.deck import default_deck

            store.save_deck(PAYLOAD[:40], default_deck(store_catalogue(store)).to_json(), None, "x")
        from dashboard.domain.notes import NoteTarget
        from dashboard.store.notes import NoteRepository

        notes = NoteRepository(store)
        notes.add(NoteTarget("91", "anteil_mv", 2024), f"{PAYLOAD} Hinweis", PAYLOAD, PAYLOAD)
        notes.add(NoteTarget("91"), f"![x](http://example.invalid/t.png) {FORMULA}", "Netz", "n")
        bad = (ASSETS / "observations_bad.csv").read_bytes()
        checked = check_file(store, "observations", bad, f"{IMG}.csv")
        with pytest.raises(ValidationError):
            write_checked(store, checked, PAYLOAD)
        return {"measure": 1, "area": "91"}
    finally:
        store.close()


@pytest.fixture(scope="module")
def payload_db(demo_db_template: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A demo database with payloads in every free-text field."""
    path = tmp_path_factory.mktemp("xss") / "xss.duckdb"
    _payload_db(demo_db_template, path)
    return path


@pytest.fixture(autouse=True)
def payload_setup(fresh_caches: None, payload_db: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The payload database for every test, clean caches, a fixed day."""
    monkeypatch.setenv("LEITBILD_DB", str(payload_db))
    monkeypatch.setenv("LEITBILD_TODAY", REVIEW_DAY.isoformat())


def _strings(value: Any) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for v in value.values():
            yield from _strings(v)
    elif isinstance(value, list):
        for v in value:
            yield from _strings(v)


def html_leaks(proto: Any) -> list[str]:
    """Raw payloads in a part of the page that the browser renders as HTML."""
    kind = proto.DESCRIPTOR.name
    texts: list[str] = []
    if (kind == "Markdown" and proto.allow_html) or kind == "Html":
        texts = [proto.body]
    elif kind == "PlotlyChart":
        texts = list(_strings(json.loads(proto.spec))) if proto.spec else []
    elif kind in ("IFrame", "ComponentInstance", "BidiComponent"):
        texts = [str(proto)]
    return [t[:120] for t in texts if any(m in t.lower() for m in RAW_MARKERS)]


def file_leaks(name: str, data: bytes) -> list[str]:
    """Formulas in spreadsheets and CSV, raw HTML in Markdown downloads."""
    suffix = Path(name.split("@")[0]).suffix.lower()
    if suffix == ".xlsx":
        import openpyxl

        book = openpyxl.load_workbook(io.BytesIO(data))
        return [
            f"{ws.title}!{c.coordinate}: {c.value}"[:120]
            for ws in book.worksheets
            for row in ws.iter_rows()
            for c in row
            if c.data_type == "f"
        ]
    if suffix == ".csv":
        import csv

        rows = csv.reader(io.StringIO(data.decode("utf-8-sig")))
        return [c[:80] for row in rows for c in row if _formula(c)]
    if suffix == ".md":
        return [line[:120] for line in data.decode().splitlines() if RAW_TAG.search(line)]
    return []


def _formula(cell: str) -> bool:
    """A cell a spreadsheet would run: a formula prefix that does not start a plain number."""
    if not cell.startswith(FORMULA_PREFIXES):
        return False
    try:
        float(cell)
    except ValueError:
        return True
    return False


PAGE_QUERIES = {
    "massnahmen.py": [{"id": "1"}, {}],
    "stadtteil.py": [{"stadtteil": "91"}],
    "indikator.py": [{"id": "anteil_mv", "stadtteil": "91"}],
    "ziele.py": [{"gebiet": "91"}],
    "handlungsfelder.py": [{"gebiet": "91"}],
}


@pytest.mark.parametrize("page", sorted(PAGE_VIEWS))
def test_pages_render_no_payload_as_html(page: str, downloads: dict[str, bytes]) -> None:  # noqa: F811
    if not (ROOT / "pages" / page).exists():
        pytest.skip(f"{page} not written yet")
    seen_payload = False
    for query in PAGE_QUERIES.get(page, [{}]):
        downloads.clear()
        at = AppTest.from_file(str(ROOT / "pages" / page), default_timeout=180)
        for key, value in query.items():
            at.query_params[key] = value
        if page == "review.py":  # saved protocols and account names are shown to editors only
            log_in(at, "xss-admin", "admin", run=False)
        at.run()
        assert not at.exception, [e.value for e in at.exception]
        leaks = [leak for _path, proto in _walk(at._tree, page) for leak in html_leaks(proto)]
        assert not leaks, f"{page} {query} renders payloads as HTML: {leaks[:3]}"
        # shown as text: literally, or with Markdown's specials escaped (window.\_\_xss)
        seen_payload |= any(SHOWN.search(str(p)) for _path, p in _walk(at._tree, page))
        file_problems = [p for n, d in downloads.items() for p in file_leaks(n, d)]
        assert not file_problems, f"{page} downloads: {file_problems[:3]}"
    if page in ("massnahmen.py", "review.py", "stadtteil.py", "indikator.py"):
        assert seen_payload, "the payloads should be visible as text on this page"


@pytest.mark.parametrize("kind", ["measures", "goals", "indicators", "areas"])
def test_cli_exports_neutralise_formulas(payload_db: Path, kind: str) -> None:
    store = Store(payload_db)
    try:
        sheets = export_tables(store, kind)
    finally:
        store.close()
    first = next(iter(sheets.values()))
    assert not file_leaks("x.csv", to_csv(first))
    assert not file_leaks("x.xlsx", to_xlsx(sheets))
    if kind == "measures":
        text = to_csv(first).decode()
        assert "'=HYPERLINK" in text and IMG.replace('"', '""') in text  # kept as text


def test_protocol_exports_keep_payloads_as_text(payload_db: Path) -> None:
    from dashboard.reports.protocol_export import docx_bytes, markdown_bytes

    store = Store(payload_db)
    try:
        content = str(store.protocols().iloc[0]["content"])
    finally:
        store.close()
    assert SCRIPT in content  # stored as typed (shown by st.markdown, which escapes HTML)
    assert not file_leaks("p.md", markdown_bytes(content))
    import docx

    document = docx.Document(io.BytesIO(docx_bytes(content)))
    text = "\n".join(p.text for p in document.paragraphs)
    assert SCRIPT in text  # plain text in Word, never markup


@pytest.mark.browser
def test_browser_runs_no_injected_script_on_the_measures_page(payload_db: Path) -> None:
    from tests.browser import app_server, browser_page, require_chromium, wait_for_app

    require_chromium()
    with app_server(payload_db) as url, browser_page() as (page, _requests):
        page.goto(f"{url}/massnahmen?id=1")
        wait_for_app(page)
        page.get_by_text("Sprachcafé", exact=False).first.wait_for(timeout=30000)
        assert page.evaluate("window.__xss") is None
        assert page.locator("img[onerror]").count() == 0
        assert page.locator("script:text('__xss')").count() == 0
        # the payload is there, as text
        assert page.get_by_text("window.__xss", exact=False).count() > 0


def test_local_notes_stay_text_in_pdf_protocol_and_slides(payload_db: Path) -> None:
    import pypdf

    from dashboard.imports import store_catalogue
    from dashboard.reports.deck import default_deck
    from dashboard.reports.deck_builder import build_slides
    from dashboard.reports.exports import deck_data
    from dashboard.reports.pptx_export import _notes as slide_notes
    from dashboard.reports.profile_content import gather
    from dashboard.reports.profile_report import render
    from dashboard.reports.protocol_export import markdown_bytes, with_local_notes
    from dashboard.reports.slide_provenance import annotate
    from dashboard.services import note_lines

    store = Store(payload_db)
    try:
        pdf = render(gather(store, "91"), None, with_map=False)
        notes = note_lines.shown_notes(store)
        protocol = with_local_notes("# Protokoll\n", notes, {"91": "Berg Fidel"}, {}, {})
        spec = default_deck(store_catalogue(store)).with_districts(["91"])
        data = deck_data(store, spec)  # the rows this deck reads, as the page and the CLI do
        slides = annotate(build_slides(data, spec), store, data.catalogue, data.values, "de")
    finally:
        store.close()
    reader = pypdf.PdfReader(io.BytesIO(pdf))
    text = " ".join(" ".join(p.extract_text() for p in reader.pages).split())
    assert f"{PAYLOAD} Hinweis" in text  # printed literally, not parsed as markup
    assert not file_leaks("p.md", markdown_bytes(protocol)) and "Hinweis" in protocol
    district = next(s for s in slides if s.kind == "district" and s.ref == "91")
    assert f"{PAYLOAD} Hinweis" in slide_notes(district, "de")  # plain text in PowerPoint
