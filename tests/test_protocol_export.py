"""Protocol downloads: Markdown as stored, DOCX made from that Markdown."""

from __future__ import annotations

import datetime as dt
import io
from typing import Any

import pytest
from docx import Document

from dashboard.reports.protocol_export import docx_bytes, file_name, markdown_bytes, runs, unescape

MARKDOWN = """# Wochenreview Maßnahmen – 24.11.2025

Zeitraum: 17.11.2025 bis 24.11.2025  
Protokoll: Anna  

## Beschlüsse und Änderungen je Maßnahme

### Sprachcafé \\*Coerde\\* (Nr. 1)

Status: laufend, Fortschritt 50 %

- 18.11.2025, Anna: Status geändert – Status: geplant → laufend – „los“
- **Handlungsbedarf:** überfällig seit 23 Tagen
  - verschachtelt
- **Nächster Schritt:** Treffen (bis 05.12.2025)

## Notizen und weitere Beschlüsse

Raum klären
"""  # noqa: W291  (two trailing spaces are a Markdown line break)


def _doc(data: bytes) -> Any:
    return Document(io.BytesIO(data))


def test_file_names_and_markdown_bytes() -> None:
    assert file_name(dt.date(2025, 11, 24), "docx") == "wochenreview_2025-11-24.docx"
    assert markdown_bytes("Ä").decode("utf-8") == "Ä"


@pytest.mark.parametrize(
    ("text", "expected"),
    [("a **b** c", [("a ", False), ("b", True), (" c", False)]),
     ("**Nächster Schritt:** x", [("Nächster Schritt:", True), (" x", False)]),
     ("a\\_b \\*c\\*", [("a_b *c*", False)]),
     ("", [])],
)  # fmt: skip
def test_runs(text: str, expected: list[tuple[str, bool]]) -> None:
    assert runs(text) == expected


def test_unescape_keeps_plain_backslashes() -> None:
    assert unescape("C:\\Daten \\# x") == "C:\\Daten # x"


def test_docx_has_headings_bullets_bold_and_line_breaks() -> None:
    doc = _doc(docx_bytes(MARKDOWN, "Wochenreview", "Anna"))
    paragraphs = [(p.style.name, p.text) for p in doc.paragraphs]
    assert paragraphs[0] == ("Title", "Wochenreview Maßnahmen – 24.11.2025")
    assert ("Heading 1", "Beschlüsse und Änderungen je Maßnahme") in paragraphs
    assert ("Heading 2", "Sprachcafé *Coerde* (Nr. 1)") in paragraphs
    meta = next(p for p in doc.paragraphs if p.text.startswith("Zeitraum"))
    assert meta.text == "Zeitraum: 17.11.2025 bis 24.11.2025\nProtokoll: Anna"
    bullets = [p for p in doc.paragraphs if p.style.name.startswith("List Bullet")]
    assert len(bullets) == 4 and bullets[2].style.name == "List Bullet 2"
    bold = [r.text for r in bullets[1].runs if r.bold]
    assert bold == ["Handlungsbedarf:"]
    assert doc.paragraphs[-1].text == "Raum klären"
    assert doc.core_properties.title == "Wochenreview" and doc.core_properties.author == "Anna"


def test_docx_of_an_empty_protocol_is_a_valid_document() -> None:
    assert _doc(docx_bytes("")).paragraphs == []
