"""One font setup: the families the figures ask for and the files the PDFs embed.

DejaVu Sans has every glyph the project prints (status symbols ☀ ◐ ☁ ⚡, „“, −, …); on screen
the charts prefer Streamlit's own Source Sans Pro so they match the page around them.
"""

from __future__ import annotations

from pathlib import Path

# charts in the browser: the page's font first
SCREEN = "Source Sans Pro, DejaVu Sans, Arial, sans-serif"
# figures rendered to images (slides, printed profiles): the installed font with every glyph
PRINT = "DejaVu Sans, Source Sans Pro, Arial, sans-serif"
# small charts that take whatever sans-serif the browser has
PLAIN = "sans-serif"
# PDF fonts: the system's DejaVu, else the Vera fonts bundled with reportlab
FONT_DIRS = (Path("/usr/share/fonts/truetype/dejavu"),)
FONT_FILES = {
    "regular": ("DejaVuSans.ttf", "Vera.ttf"),
    "bold": ("DejaVuSans-Bold.ttf", "VeraBd.ttf"),
}


def system_font(name: str) -> Path | None:
    """The installed font file of that name (None when it is not installed)."""
    for folder in FONT_DIRS:
        if (folder / name).exists():
            return folder / name
    return None
