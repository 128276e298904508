"""The PDF fonts, registered once with reportlab for the deck and the district profile."""

from __future__ import annotations

from pathlib import Path

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from dashboard.present.fonts import FONT_FILES, system_font

FONT, FONT_BOLD = "LeitbildSans", "LeitbildSans-Bold"


def _font_path(candidates: tuple[str, str]) -> str:
    """The system font, else the one bundled with reportlab."""
    system, bundled = candidates
    found = system_font(system)
    if found is not None:
        return str(found)
    import reportlab

    return str(Path(reportlab.__file__).parent / "fonts" / bundled)


def register_fonts() -> tuple[str, str]:
    """Register the fonts once (embedded subsets, so a PDF prints anywhere); (regular, bold)."""
    if FONT not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont(FONT, _font_path(FONT_FILES["regular"])))
        pdfmetrics.registerFont(TTFont(FONT_BOLD, _font_path(FONT_FILES["bold"])))
        pdfmetrics.registerFontFamily(FONT, normal=FONT, bold=FONT_BOLD)
    return FONT, FONT_BOLD
