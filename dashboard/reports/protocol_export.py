"""Downloads of the review protocol: Markdown as stored, and DOCX made from that Markdown.

The DOCX is built from the stored Markdown (not from the live review), so a protocol saved
weeks ago downloads exactly as it was saved. Only the Markdown the protocol uses is
understood: headings (#, ##, ###), bullets (-, nested by two spaces), **bold**, backslash
escapes and hard line breaks; anything else becomes a plain paragraph.
"""

from __future__ import annotations

import datetime as dt
import io
import re
from collections.abc import Mapping

import pandas as pd
from docx import Document
from docx.shared import Pt
from docx.text.paragraph import Paragraph

from dashboard.escaping import markdown_literal, user_markdown
from dashboard.present.i18n import t
from dashboard.services import note_lines

MARKDOWN_MIME = "text/markdown"
DOCX_MIME = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
_BOLD = re.compile(r"\*\*(.+?)\*\*")
_ESCAPE = re.compile(r"\\([\\`*_\[\]#<>|])")
_HEADING = re.compile(r"^(#{1,3})\s+(.*)$")
_BULLET = re.compile(r"^(\s*)[-*]\s+(.*)$")


def file_name(review_date: dt.date, extension: str) -> str:
    """wochenreview_2025-11-24.md"""
    return f"wochenreview_{review_date.isoformat()}.{extension}"


def markdown_bytes(markdown: str) -> bytes:
    """The protocol as a UTF-8 Markdown file (raw HTML, images and unsafe links as text)."""
    return user_markdown(markdown).encode("utf-8")


def unescape(text: str) -> str:
    """Drop Markdown backslash escapes (\\_ → _)."""
    return _ESCAPE.sub(r"\1", text)


def runs(text: str) -> list[tuple[str, bool]]:
    """Text split into (part, bold) runs at **bold** markers, escapes removed."""
    out: list[tuple[str, bool]] = []
    pos = 0
    for match in _BOLD.finditer(text):
        if match.start() > pos:
            out.append((unescape(text[pos : match.start()]), False))
        out.append((unescape(match.group(1)), True))
        pos = match.end()
    if pos < len(text):
        out.append((unescape(text[pos:]), False))
    return [(part, bold) for part, bold in out if part]


def _fill(paragraph: Paragraph, text: str) -> None:
    for part, bold in runs(text):
        paragraph.add_run(part).bold = bold


def docx_bytes(markdown: str, title: str = "", author: str = "") -> bytes:
    """The protocol as a Word document (headings, bullet lists, bold, line breaks)."""
    doc = Document()
    doc.styles["Normal"].font.size = Pt(10.5)
    doc.core_properties.title = title
    doc.core_properties.author = author
    paragraph: Paragraph | None = None  # the open paragraph for hard line breaks ("  \n")
    for raw in markdown.splitlines():
        line = raw.rstrip()
        heading = _HEADING.match(line)
        bullet = _BULLET.match(line)
        if not line.strip():
            paragraph = None
        elif heading:
            level = len(heading.group(1))
            doc.add_heading(unescape(heading.group(2)), level=0 if level == 1 else level - 1)
            paragraph = None
        elif bullet:
            depth = len(bullet.group(1).replace("\t", "  ")) // 2
            style = "List Bullet" if depth == 0 else "List Bullet 2"
            _fill(doc.add_paragraph(style=style), bullet.group(2))
            paragraph = None
        elif paragraph is not None:
            paragraph.add_run().add_break()
            _fill(paragraph, line.strip())
        else:
            paragraph = doc.add_paragraph()
            _fill(paragraph, line.strip())
        if paragraph is not None and not raw.endswith("  "):
            paragraph = None
    buffer = io.BytesIO()
    doc.save(buffer)
    return buffer.getvalue()


def with_local_notes(
    markdown: str,
    notes: pd.DataFrame,
    area_names: Mapping[str, str],
    indicator_names: Mapping[str, str],
    goal_labels: Mapping[str, str],
    lang: str = "de",
) -> str:
    """The protocol with the district networks' visible notes ("Einordnung vor Ort") appended.

    A note is the network's plain text: escaped, so it never turns into Markdown structure.
    """
    if notes.empty:
        return markdown
    lines = ["", f"## {t('notes.export.heading', lang)}", ""]
    texts = note_lines.lines(notes, indicator_names, goal_labels, lang)
    for code, text in zip(notes["area_code"], texts, strict=True):
        lines.append(f"- {markdown_literal(area_names.get(code, code))} – {markdown_literal(text)}")
    return markdown.rstrip() + "\n" + "\n".join(lines) + "\n"
