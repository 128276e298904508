"""Local notes leave the app with the profile PDF and as a Ziel-Ist column (issue 19)."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from dashboard.auth.roles import User
from dashboard.domain.notes import NoteTarget
from dashboard.reports.profile_content import gather
from dashboard.reports.profile_report import render
from dashboard.services import note_lines
from dashboard.services import notes as svc
from dashboard.store import Store
from tests.test_profile_report import flat, pdf_text

NETWORK = User("netz91", "Netzwerk Berg Fidel", "editor", areas=frozenset({"91"}))
KI = User("ki", "KI-Team", "admin")
EVIL = "Kita <b>zu</b> & <script>alert(1)</script> =HYPERLINK(1)"


def _notes(store: Store) -> tuple[dict, dict]:
    shown = svc.write_note(store, NETWORK, NoteTarget("91", "anteil_mv", 2020), EVIL, "Netz BF")
    hidden = svc.write_note(store, NETWORK, NoteTarget("91"), "Verborgen bitte", "Netz BF")
    svc.moderate_note(store, KI, int(hidden["id"]), int(hidden["version"]), "hide")
    return shown, hidden


def test_profile_pdf_has_the_visible_notes_as_text(demo_db: Path) -> None:
    store = Store(demo_db)
    _notes(store)
    words = flat(pdf_text(render(gather(store, "91"), None, with_map=False))[0])
    store.close()
    assert "Einordnung vor Ort" in words
    assert EVIL in words  # printed as text, not parsed as markup
    assert "Netz BF" in words
    assert "Verborgen bitte" not in words  # a hidden note stays in the app's history only


def test_profile_pdf_without_notes_has_no_section(demo_db: Path) -> None:
    store = Store(demo_db)
    words = flat(pdf_text(render(gather(store, "91"), None, with_map=False))[0])
    store.close()
    assert "Einordnung vor Ort" not in words


def test_ziel_ist_rows_get_their_notes(demo_store: Store) -> None:
    _notes(demo_store)
    notes = note_lines.shown_notes(demo_store)
    rows = note_lines.row_notes(notes, ["91", "91", "61"], ["anteil_mv", "bevoelkerung",
                                                            "anteil_mv"])  # fmt: skip
    assert rows[0].startswith("2020: " + EVIL + " (Netz BF, ")
    assert rows[1:] == ["", ""]
    assert not any("Verborgen" in r for r in rows)
    lines = note_lines.lines(notes, {"anteil_mv": "Anteil MV"}, {}, "en")
    assert len(lines) == 1 and lines[0].startswith(f"Anteil MV 2020: {EVIL} (Netz BF, ")
    assert lines[0].endswith(f"{pd.Timestamp.now().year})")


def test_protocol_carries_the_visible_notes_escaped(demo_store: Store) -> None:
    from dashboard.reports.protocol_export import docx_bytes, with_local_notes

    _notes(demo_store)
    notes = note_lines.shown_notes(demo_store)
    out = with_local_notes("# Protokoll\n", notes, {"91": "Berg Fidel"},
                           {"anteil_mv": "Anteil MV"}, {})  # fmt: skip
    assert "## Einordnung vor Ort" in out and "Verborgen" not in out
    line = next(x for x in out.splitlines() if x.startswith("- Berg Fidel"))
    assert "<script>" not in line and "\\<script\\>" in line  # literal, not HTML or Markdown
    import io

    import docx

    text = "\n".join(p.text for p in docx.Document(io.BytesIO(docx_bytes(out))).paragraphs)
    assert EVIL in text and "Netz BF" in text
    assert with_local_notes("# P\n", notes.iloc[0:0], {}, {}, {}) == "# P\n"


def test_slides_show_provenance_and_the_districts_notes(demo_store: Store) -> None:
    from dashboard.imports import store_catalogue
    from dashboard.reports.deck import default_deck
    from dashboard.reports.deck_builder import build_slides
    from dashboard.reports.exports import deck_data
    from dashboard.reports.pptx_export import _notes as slide_notes
    from dashboard.reports.slide_provenance import annotate

    _notes(demo_store)
    spec = default_deck(store_catalogue(demo_store)).with_districts(["91"])
    data = deck_data(demo_store, spec)  # the rows this deck reads, as the page and the CLI do
    slides = annotate(build_slides(data, spec), demo_store, data.catalogue, data.values, "de")
    assert all("Herkunft: Demodaten" in s.footer for s in slides)  # PPTX and PDF footer
    district = next(s for s in slides if s.kind == "district" and s.ref == "91")
    notes = slide_notes(district, "de")
    assert "Herkunft der Werte:" in notes and "Einordnung vor Ort:" in notes
    assert EVIL in notes and "Verborgen" not in notes
