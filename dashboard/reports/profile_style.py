"""Look of the printed district profile: page, colours, fonts, paragraph styles, tables and
the numbered page footer (reportlab); the sections live in profile_report."""

from __future__ import annotations

from typing import Any
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_LEFT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfgen import canvas as pdfcanvas
from reportlab.platypus import Paragraph, Table, TableStyle

from dashboard.present import theme
from dashboard.reports.pdf_fonts import FONT, FONT_BOLD, register_fonts

__all__ = ["FONT", "FONT_BOLD", "register_fonts"]  # re-exported for profile_report

PAGE_WIDTH, PAGE_HEIGHT = A4
MARGIN = 18 * mm
# the frame keeps 6 pt padding on each side inside the margins
CONTENT_WIDTH = PAGE_WIDTH - 2 * MARGIN - 12
MAP_PIXELS = (560, 470)
INK = colors.HexColor(theme.TEXT)
MUTED = colors.HexColor(theme.MUTED)
RULE = colors.HexColor(theme.RULE)
HEAD_BG = colors.HexColor(theme.PANEL_SOFT)
DEMO_BG = colors.HexColor(theme.DEMO_PAPER)
DEMO_INK = colors.HexColor(theme.DEMO_INK)
# status words are printed as text on white: the text variants of the status colours
STATUS_COLOURS = theme.STATUS_TEXT
ASSESS_COLOURS = {"better": theme.BETTER, "worse": theme.WORSE}


# --- fonts and styles ---------------------------------------------------------------------------
def _styles() -> dict[str, ParagraphStyle]:
    base = ParagraphStyle("body", fontName=FONT, fontSize=9, leading=12, textColor=INK)
    return {
        "title": ParagraphStyle(
            "title", parent=base, fontName=FONT_BOLD, fontSize=20, leading=24, spaceAfter=2
        ),
        "subtitle": ParagraphStyle(
            "subtitle", parent=base, fontSize=11, leading=14, textColor=MUTED, spaceAfter=6
        ),
        "h2": ParagraphStyle(
            "h2",
            parent=base,
            fontName=FONT_BOLD,
            fontSize=13,
            leading=16,
            spaceBefore=10,
            spaceAfter=4,
        ),
        "body": base,
        "small": ParagraphStyle("small", parent=base, fontSize=8, leading=10.5, textColor=MUTED),
        "cell": ParagraphStyle("cell", parent=base, fontSize=8.5, leading=10.5),
        "cell_head": ParagraphStyle(
            "cell_head", parent=base, fontName=FONT_BOLD, fontSize=8.5, leading=10.5
        ),
        "banner": ParagraphStyle(
            "banner",
            parent=base,
            fontName=FONT_BOLD,
            fontSize=10,
            leading=13,
            textColor=DEMO_INK,
            alignment=TA_LEFT,
        ),
        "fact_value": ParagraphStyle(
            "fact_value", parent=base, fontName=FONT_BOLD, fontSize=16, leading=19
        ),
    }


def _p(text: str, style: ParagraphStyle) -> Paragraph:
    """A paragraph of plain text (escaped: names and titles are user text, not markup)."""
    return Paragraph(escape(str(text)), style)


def _coloured(text: str, colour: str | None, style: ParagraphStyle) -> Paragraph:
    if not colour:
        return _p(text, style)
    return Paragraph(f'<font color="{colour}">{escape(text)}</font>', style)


def _widths(*parts: float) -> list[float]:
    """Column widths in proportion to ``parts``, filling the text width."""
    total = sum(parts)
    return [CONTENT_WIDTH * p / total for p in parts]


def _table(rows: list[list[Any]], widths: list[float], repeat: int = 1) -> Table:
    table = Table(rows, colWidths=widths, repeatRows=repeat, hAlign="LEFT")
    table.setStyle(
        TableStyle(
            [
                ("BACKGROUND", (0, 0), (-1, repeat - 1), HEAD_BG),
                ("LINEBELOW", (0, 0), (-1, -1), 0.4, RULE),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("TOPPADDING", (0, 0), (-1, -1), 2.5),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 2.5),
                ("LEFTPADDING", (0, 0), (-1, -1), 3),
                ("RIGHTPADDING", (0, 0), (-1, -1), 3),
            ]
        )
    )
    return table


# --- page chrome --------------------------------------------------------------------------------
def _numbered_canvas(footer: str, demo_mark: str | None) -> type[pdfcanvas.Canvas]:
    """A canvas that writes 'Seite x von y' (and the demo mark) once all pages are known."""

    class NumberedCanvas(pdfcanvas.Canvas):
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            self._pages: list[dict[str, Any]] = []

        def showPage(self) -> None:
            self._pages.append(dict(self.__dict__))
            self._startPage()

        def save(self) -> None:
            total = len(self._pages)
            for state in self._pages:
                self.__dict__.update(state)
                self._footer(total)
                super().showPage()
            super().save()

        def _footer(self, total: int) -> None:
            self.setStrokeColor(RULE)
            self.line(MARGIN, 13 * mm, PAGE_WIDTH - MARGIN, 13 * mm)
            self.setFont(FONT, 7.5)
            self.setFillColor(MUTED)
            self.drawString(MARGIN, 9 * mm, footer.format(page=self._pageNumber, pages=total))
            if demo_mark:
                self.setFont(FONT_BOLD, 8)
                self.setFillColor(DEMO_INK)
                self.drawRightString(PAGE_WIDTH - MARGIN, 9 * mm, demo_mark)

    return NumberedCanvas
